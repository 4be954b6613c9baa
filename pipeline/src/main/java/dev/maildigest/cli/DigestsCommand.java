package dev.maildigest.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.maildigest.avro.Digest;
import dev.maildigest.config.PipelineConfig;
import dev.maildigest.digest.DigestFiles;
import dev.maildigest.digest.DigestFormat;
import dev.maildigest.digest.DigestTopicReader;
import dev.maildigest.registry.RestSchemaRegistry;
import dev.maildigest.registry.SchemaRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "digests", mixinStandardHelpOptions = true,
        description = "Reads the digests topic and prints each digest, or writes one file per digest and format"
                + " (<list>-<sequence>-<first8>-<last8>.<txt|md|html|json>). Stops at the end of the topic unless --follow.")
final class DigestsCommand implements Callable<Integer> {
    private static final long CONNECT_TIMEOUT_MS = 15_000;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--from-beginning", description = "Start with the oldest digest (default: only digests that arrive from now on).")
    boolean fromBeginning;

    @Option(names = "--follow", description = "Keep waiting for new digests until interrupted (Ctrl-C).")
    boolean follow;

    @Option(names = "--format", split = ",", defaultValue = "text", paramLabel = "FORMAT",
            converter = FormatConverter.class,
            description = "text, md, html or json; several separated by commas (default: ${DEFAULT-VALUE}).")
    DigestFormat[] formats;

    @Option(names = "--out", paramLabel = "DIR", description = "Write files into DIR instead of printing.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private long printed;

    @Override
    public Integer call() {
        PipelineConfig config = cluster.toConfig();
        config.requireReachable(CONNECT_TIMEOUT_MS);
        SchemaRegistry registry = RestSchemaRegistry.of(config);
        export(config, registry, spec.commandLine().getOut());
        return 0;
    }

    /** Reads the digests and prints or writes them; returns how many were read. */
    long export(PipelineConfig config, SchemaRegistry registry, PrintWriter stdout) {
        try (DigestTopicReader reader = new DigestTopicReader(config, registry)) {
            Thread stopOnCtrlC = new Thread(reader::stop, "digests-stop");
            if (follow) {
                Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
            }
            return reader.read(fromBeginning, follow, digest -> emit(digest, stdout));
        }
    }

    private void emit(Digest digest, PrintWriter stdout) {
        if (out != null) {
            DigestFiles.write(out, digest, formats);
            return;
        }
        for (DigestFormat format : formats) {
            String document = format.render(digest);
            if (printed++ > 0) {
                stdout.println(); // a blank line between documents
            }
            stdout.print(document.endsWith("\n") ? document : document + "\n");
        }
        stdout.flush();
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<DigestFormat> {
        @Override
        public DigestFormat convert(String value) {
            try {
                return DigestFormat.parse(value);
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
