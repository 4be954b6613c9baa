package dev.maildigest.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.UserError;
import dev.maildigest.ingest.ArchiveSpec;
import dev.maildigest.ingest.ArchivesFile;
import dev.maildigest.ingest.IngestOptions;
import dev.maildigest.ingest.IngestSummary;
import dev.maildigest.ingest.Ingester;
import dev.maildigest.registry.RestSchemaRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Publishes the messages of mailing-list archives to mail.raw, each once and",
            "in archive order, in ranges of new commits; a restart resumes after the",
            "last committed range.",
            "",
            "An ARCHIVE is one of:",
            "  https://lore.kernel.org/kvm    public-inbox over HTTP(S): all epochs,",
            "                                 mirrored into --cache-dir",
            "  https://lore.kernel.org/kvm/0  one epoch of it",
            "  /srv/inbox/kvm                 public-inbox v2 folder (git/0.git...)",
            "  /srv/inbox/kvm/git/0.git       one epoch repository, or a v1 inbox",
            "  kvm.mbox, kvm.mbox.gz          mbox file (mboxo/mboxrd, gzip or not)",
            "  ~/Maildir/kvm                  Maildir folder (new/ and cur/)",
            "",
            "Example:",
            "  pipeline ingest --bootstrap-server localhost:9092 \\",
            "    --schema-registry-url http://localhost:8081 \\",
            "    https://lore.kernel.org/kvm --list-name KVM --follow --interval 5m",
            ""})
final class IngestCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(IngestCommand.class);

    @Parameters(paramLabel = "ARCHIVE", arity = "0..*", description = "Archives to ingest: URL, folder or file (see above).")
    List<String> sources = new ArrayList<>();

    @Option(names = "--archives", paramLabel = "FILE",
            description = {"Archives listed in a properties file, keys per archive:",
                "  kvm.source = https://lore.kernel.org/kvm",
                "  kvm.list-name = KVM  (optional display name)",
                "  kvm.url = https://... (optional web address)"})
    Path archivesFile;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Short list name of the single ARCHIVE: keys its checkpoint and every record"
                    + " (default: from the source, e.g. kvm for https://lore.kernel.org/kvm).")
    String name;

    @Option(names = "--list-name", paramLabel = "NAME",
            description = "Display name of the single ARCHIVE in digest titles, e.g. KVM (default: from List-Id).")
    String listName;

    @Option(names = "--max-range", paramLabel = "N", defaultValue = "" + IngestOptions.DEFAULT_MAX_RANGE,
            description = "Most commits in one range, i.e. one digest (default: ${DEFAULT-VALUE}, about a day of a busy list).")
    int maxRange;

    @Option(names = "--max-message-bytes", paramLabel = "N", defaultValue = "" + IngestOptions.DEFAULT_MAX_MESSAGE_BYTES,
            description = "Larger messages are published without their bytes and sent to mail.dead-letters (default: ${DEFAULT-VALUE}).")
    int maxMessageBytes;

    @Option(names = "--follow", description = "Keep polling the archives for new commits until stopped (Ctrl-C).")
    boolean follow;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Time between polls with --follow, e.g. 30s, 5m (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--cache-dir", paramLabel = "DIR", defaultValue = "data/mirrors",
            description = "Where remote archives are mirrored, one folder per archive name (default: ${DEFAULT-VALUE}).")
    Path cacheDir;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() {
        List<ArchiveSpec> archives = archives();
        IngestOptions options = new IngestOptions(maxRange, maxMessageBytes, cacheDir);
        PipelineConfig config = cluster.toConfig();
        config.requireReachable(15_000);
        RestSchemaRegistry registry = new RestSchemaRegistry(config.schemaRegistryUrl(), config.schemaRegistryUserInfo());
        try (Ingester ingester = new Ingester(archives, options, config, registry)) {
            if (follow) {
                Thread main = Thread.currentThread();
                Thread hook = new Thread(() -> {
                    ingester.close();
                    try {
                        main.join(30_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "ingest-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                ingester.follow(interval);
            } else {
                IngestSummary summary = ingester.ingestAvailable();
                log.info("ingest done archives={} {}", archives.size(), summary);
            }
        }
        return 0;
    }

    private List<ArchiveSpec> archives() {
        List<ArchiveSpec> archives = new ArrayList<>();
        if (archivesFile != null) {
            archives.addAll(ArchivesFile.read(archivesFile));
        }
        if ((name != null || listName != null) && sources.size() != 1) {
            throw new UserError("--name and --list-name apply to a single ARCHIVE; use --archives FILE for several");
        }
        for (String source : sources) {
            archives.add(ArchiveSpec.of(source, name, listName));
        }
        if (archives.isEmpty()) {
            throw new UserError("no archive to ingest: give a URL, folder or file, or --archives FILE (see --help)");
        }
        return archives;
    }
}
