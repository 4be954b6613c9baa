package dev.maildigest.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "digests", mixinStandardHelpOptions = true, description = "TODO")
final class DigestsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("digests is not built yet");
    }
}
