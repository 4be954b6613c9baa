package dev.maildigest.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import dev.maildigest.cli.Main;
import picocli.CommandLine;

/** The pipeline's command line run in this JVM, what it printed kept per run, as a user's terminal shows it. */
public final class Console {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code pipeline ARGS}, forgetting what earlier runs printed; the exit code. */
    public int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }

    public List<String> errLines() {
        return err.toString().lines().toList();
    }
}
