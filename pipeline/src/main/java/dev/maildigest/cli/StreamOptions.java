package dev.maildigest.cli;

import picocli.CommandLine.Option;

/** How the stream stage runs in this process: shared by {@code stream}, {@code run} and {@code bench}. */
final class StreamOptions {

    @Option(names = "--stream-threads", paramLabel = "N", defaultValue = "2",
            description = "Kafka Streams threads in this process (default: ${DEFAULT-VALUE}).")
    int threads;
}
