package dev.maildigest.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.testing.Console;

/** What a user sees of `serve` and `run --serve-port` on the command line. */
class ServeCommandLineTest {
    private final Console console = new Console();

    private int run(String... args) {
        return console.run(args);
    }

    @Test
    void serveExplainsItselfAndItsDefaults() {
        assertEquals(0, run("serve", "--help"));
        assertTrue(console.out().startsWith("Usage: pipeline serve"), console.out());
        assertTrue(console.out().contains("default: 127.0.0.1:8080"), "loopback unless told otherwise");
        assertEquals(0, run("run", "--help"));
        assertTrue(console.out().contains("--serve-port=PORT"), console.out());
        assertTrue(console.out().contains("--serve-host=HOST"), console.out());
    }

    @Test
    void aBadListenAddressIsOneLine() {
        assertEquals(1, run("serve", "--listen", "8080", "--bootstrap-server", "127.0.0.1:1"));
        assertEquals(List.of("error: --listen wants HOST:PORT, got '8080'"), console.errLines());
    }

    @Test
    void serveWithoutABrokerSaysWhichFlagIsMissing(@TempDir Path dir) {
        Path state = dir.resolve("serve");
        assertEquals(1, run("serve", "--state-dir", state.toString()));
        assertEquals(List.of("error: no Kafka to connect to: give --bootstrap-server HOST:PORT"), console.errLines());
        assertTrue(Files.notExists(state), "a command line without Kafka makes no folder (no log file either)");
    }
}
