package dev.maildigest.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "stream", mixinStandardHelpOptions = true, description = "TODO")
final class StreamCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("stream is not built yet");
    }
}
