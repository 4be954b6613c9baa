package dev.maildigest.cli;

import java.io.PrintWriter;

import dev.maildigest.config.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar pipeline.jar <command>}. */
@Command(name = "pipeline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Follows mailing-list archives (public-inbox git, lore.kernel.org, mbox, Maildir), publishes",
            "their mail to Kafka and emits one digest per range of new commits.",
            "",
            "Start with:  pipeline run https://lore.kernel.org/kvm   (embedded Kafka, digests on stdout)"},
        subcommands = {
            RunCommand.class,
            IngestCommand.class,
            StreamCommand.class,
            RegistryCommand.class,
            ServeCommand.class,
            DigestsCommand.class,
            StatusCommand.class,
            ParseCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Main::badUsage);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, commandLine));
        return cli;
    }

    /** A bad flag: one line naming the problem, one pointing at --help. */
    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + e.getMessage());
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
        return CommandLine.ExitCode.USAGE;
    }

    /** A failure while running: user errors as one line; anything else also as one line plus a log trace. */
    private static int failed(Exception e, CommandLine commandLine) {
        PrintWriter err = commandLine.getErr();
        Throwable userError = e;
        while (userError != null && !(userError instanceof UserError)) {
            userError = userError.getCause();
        }
        if (userError != null) {
            err.println("error: " + userError.getMessage());
            // The one line is for the console; the trace behind it, for the data folder's log file.
            org.slf4j.LoggerFactory.getLogger(dev.maildigest.process.LogFiles.DETAIL).info("command failed: {}", userError.getMessage(), e);
            return 1;
        }
        org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", e);
        err.println("error: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                + " (run with -Dlogback.level=debug for details)");
        return 2;
    }
}
