package dev.maildigest.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.maildigest.cli.Main;
import picocli.CommandLine;

/** What a user sees of `serve` and `run --serve-port` on the command line. */
class ServeCommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void serveExplainsItselfAndItsDefaults() {
        assertEquals(0, run("serve", "--help"));
        assertTrue(out.toString().startsWith("Usage: pipeline serve"), out.toString());
        assertTrue(out.toString().contains("default: 127.0.0.1:8080"), "loopback unless told otherwise");
        out.getBuffer().setLength(0);
        assertEquals(0, run("run", "--help"));
        assertTrue(out.toString().contains("--serve-port=PORT"), out.toString());
        assertTrue(out.toString().contains("--serve-host=HOST"), out.toString());
    }

    @Test
    void aBadListenAddressIsOneLine() {
        assertEquals(1, run("serve", "--listen", "8080", "--bootstrap-server", "127.0.0.1:1"));
        assertEquals(List.of("error: --listen wants HOST:PORT, got '8080'"), err.toString().lines().toList());
    }

    @Test
    void serveWithoutABrokerSaysWhichFlagIsMissing() {
        assertEquals(1, run("serve"));
        assertEquals(List.of("error: no Kafka to connect to: give --bootstrap-server HOST:PORT"), err.toString().lines().toList());
    }
}
