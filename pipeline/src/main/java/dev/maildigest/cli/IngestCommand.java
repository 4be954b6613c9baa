package dev.maildigest.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.ingest.ArchiveSpec;
import dev.maildigest.ingest.IngestOptions;
import dev.maildigest.ingest.IngestSummary;
import dev.maildigest.ingest.Ingester;
import dev.maildigest.ingest.WorkerIds;
import dev.maildigest.ops.OpsServer;
import dev.maildigest.process.LogFiles;
import dev.maildigest.registry.RegistryCheck;
import dev.maildigest.registry.RestSchemaRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Publishes the messages of mailing-list archives to mail.raw, each once and",
            "in archive order, in ranges of new commits; a restart resumes after the",
            "last committed range.",
            "",
            ArchiveOptions.KINDS,
            "",
            "Example:",
            "  pipeline ingest --bootstrap-server localhost:9092 \\",
            "    --schema-registry-url http://localhost:8081 \\",
            "    https://lore.kernel.org/kvm --list-name KVM --follow --interval 5m",
            ""})
final class IngestCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(IngestCommand.class);

    @Mixin
    ArchiveOptions archives;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = {"Folder for local data: remote archives are mirrored under <data-dir>/mirrors; its instance",
                "id names the ingest workers' transactional ids (default: ${DEFAULT-VALUE})."})
    Path dataDir;

    @Mixin
    MetricsOptions metrics;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() {
        List<ArchiveSpec> specs = archives.archives();
        IngestOptions options = archives.options(dataDir);
        PipelineConfig config = cluster.toConfig();
        config.bootstrapServers(); // no Kafka named: one line, before any folder is made
        LogFiles.announce(dataDir.resolve("logs")); // as `run`'s <data-dir>/logs
        config.prepareCluster();
        RestSchemaRegistry registry = RestSchemaRegistry.of(config);
        RegistryCheck.require(registry, config);
        Thread main = Thread.currentThread();
        // The data folder's instance id names the workers' transactional ids: a restart fences its zombie.
        try (Ingester ingester = new Ingester(specs, options, WorkerIds.of(dataDir, options.workers()), config, registry);
             OpsServer ops = metrics.start(Map.of("ingest", main::isAlive))) {
            if (archives.follow) {
                // Ctrl-C or SIGTERM: finish the range being published, then release the producers.
                Runtime.getRuntime().addShutdownHook(new Thread(ingester::close, "ingest-shutdown"));
                ingester.follow(archives.interval);
            } else {
                IngestSummary summary = ingester.ingestAvailable();
                log.info("ingest done archives={} {}", specs.size(), summary);
            }
        }
        return 0;
    }
}
