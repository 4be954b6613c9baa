package dev.maildigest.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.digest.DigestFormat;
import dev.maildigest.ingest.IngestSummary;
import dev.maildigest.ops.OpsServer;
import dev.maildigest.pipeline.AllInOnePipeline;
import dev.maildigest.serve.DigestServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs every stage in one process: ingest the archives, parse and group their",
            "mail by commit range, and print (or write) one digest per range.",
            "Without --bootstrap-server it starts its own Kafka broker and Schema Registry",
            "on 127.0.0.1, keeping their data in --data-dir: the next run resumes there.",
            "Without --follow it stops once every digest of the archives is out.",
            "",
            ArchiveOptions.KINDS,
            "",
            "Examples:",
            "  pipeline run https://lore.kernel.org/kvm --follow --interval 5m",
            "  pipeline run ~/mirrors/kvm/git/0.git --out digests/",
            ""})
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ArchiveOptions archives;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Where the embedded broker, registry, stream state and mirrors keep their data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "Port of the embedded Kafka broker on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "8081",
            description = "Port of the embedded Schema Registry on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write each digest into DIR as <list>-<sequence>-<first8>-<last8>.<ext>, in every --format.")
    Path outDir;

    @Option(names = "--format", paramLabel = "FORMAT", split = ",", defaultValue = "text,md,html,json",
            converter = DigestsCommand.FormatConverter.class,
            description = "Formats written with --out: text, md, html, json (default: ${DEFAULT-VALUE}).")
    List<DigestFormat> formats;

    @Option(names = "--quiet", description = "Do not print digests on standard output.")
    boolean quiet;

    @Mixin
    StreamOptions stream;

    @Mixin
    MetricsOptions metrics;

    @Mixin
    ServeOptions serve;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws Exception {
        var specs = archives.archives(); // checked before anything starts: a wrong path fails in a blink
        AllInOnePipeline pipeline = AllInOnePipeline.start(new AllInOnePipeline.Settings(dataDir, kafkaPort, registryPort,
                cluster.toConfig(), specs, archives.options(dataDir), stream.threads, quiet ? null : System.out, outDir, formats));
        try {
            PipelineConfig config = pipeline.config();
            System.err.println("maildigest: Kafka at " + config.bootstrapServers() + ", Schema Registry at "
                    + config.schemaRegistryUrl() + ", data in " + dataDir.toAbsolutePath().normalize()
                    + (pipeline.logFile() != null ? ", Kafka's log in " + pipeline.logFile() : "")
                    + (!pipeline.createdTopics().isEmpty() ? ", created topics " + String.join(" ", pipeline.createdTopics()) : ""));
            Thread main = Thread.currentThread();
            OpsServer ops = metrics.start(Map.of(
                    "ingest", main::isAlive,
                    "stream", pipeline.streams()::running,
                    "output", pipeline::outputRunning));
            if (ops != null) {
                pipeline.attach(ops);
            }
            DigestServer served = serve.start(config, pipeline.registry(), dataDir.resolve("serve"));
            if (served != null) {
                pipeline.attach(served);
            }
            pipeline.closeOnShutdown();
            if (archives.follow) {
                pipeline.follow(archives.interval);
                return 0;
            }
            IngestSummary summary = pipeline.ingestAvailableAndDrain();
            log.info("run done {} digests_written={}", summary, pipeline.sink().delivered());
            return 0;
        } finally {
            pipeline.close();
        }
    }

}
