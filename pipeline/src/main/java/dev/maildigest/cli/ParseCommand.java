package dev.maildigest.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "parse", mixinStandardHelpOptions = true, description = "TODO")
final class ParseCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("parse is not built yet");
    }
}
