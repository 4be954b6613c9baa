package dev.maildigest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.maildigest.testing.Console;
import picocli.CommandLine;

/** What a user sees when a command line is wrong: one line saying what, no stack trace. */
class MainTest {
    private final Console console = new Console();

    private int run(String... args) {
        return console.run(args);
    }

    private List<String> errorLines() {
        return console.errLines();
    }

    @Test
    void anUnknownFlagNamesItAndPointsAtHelp() {
        assertEquals(CommandLine.ExitCode.USAGE, run("run", "--bogus"));
        assertEquals(List.of("error: Unknown option: '--bogus'", "Try 'pipeline run --help' for usage."), errorLines());
    }

    @Test
    void aStageWithoutABrokerSaysWhichFlagIsMissing() {
        assertEquals(1, run("stream"));
        assertEquals(List.of("error: no Kafka to connect to: give --bootstrap-server HOST:PORT"), errorLines());
    }

    @Test
    void aMissingArchiveIsReportedBeforeAnythingStarts() {
        assertEquals(1, run("run", "/no/such/archive", "--kafka-port", "0", "--registry-port", "0"));
        assertEquals(List.of("error: archive not found: /no/such/archive"), errorLines());
    }

    @Test
    void aBadStartingPointIsReportedBeforeAnythingStarts() {
        assertEquals(1, run("run", "https://lore.example.org/kvm", "--since", "yesterday", "--kafka-port", "0", "--registry-port", "0"));
        assertEquals(List.of("error: bad --since 'yesterday': give a duration (7d, 12h, 2w) or a date (2026-11-01)"), errorLines());
        assertEquals(1, run("ingest", "https://lore.example.org/kvm", "--since", "7d", "--last", "500"));
        assertEquals(List.of("error: --since and --last both say where to start: give one"), errorLines());
    }

    @Test
    void aBadDurationIsAUsageError() {
        assertEquals(CommandLine.ExitCode.USAGE, run("ingest", "x.mbox", "--interval", "soon"));
        assertTrue(errorLines().get(0).contains("'soon' is not a duration"), console.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("run", "ingest", "stream", "digests", "status", "parse", "bench")) {
            assertEquals(0, run(command, "--help"), command);
            assertTrue(console.out().startsWith("Usage: pipeline " + command), console.out());
        }
    }
}
