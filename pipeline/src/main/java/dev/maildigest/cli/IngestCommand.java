package dev.maildigest.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "ingest", mixinStandardHelpOptions = true, description = "TODO")
final class IngestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("ingest is not built yet");
    }
}
