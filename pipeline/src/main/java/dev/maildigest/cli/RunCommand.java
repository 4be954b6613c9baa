package dev.maildigest.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.UserError;
import dev.maildigest.digest.DigestFormat;
import dev.maildigest.digest.DigestSink;
import dev.maildigest.embedded.EmbeddedStack;
import dev.maildigest.ingest.IngestSummary;
import dev.maildigest.ingest.Ingester;
import dev.maildigest.ops.OpsServer;
import dev.maildigest.registry.RestSchemaRegistry;
import dev.maildigest.stream.DigestStreams;
import dev.maildigest.stream.GroupLag;
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
            description = "Write each digest into DIR as <list>-<first8>-<last8>.<ext>, in every --format.")
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
        var specs = archives.archives();
        PipelineConfig config = cluster.toConfig();
        EmbeddedStack stack = null;
        if (config.embedded()) {
            stack = EmbeddedStack.start(dataDir, kafkaPort, registryPort, config);
            config = config.withEndpoints(stack.bootstrapServers(), stack.registryUrl());
        } else {
            config.prepareCluster();
        }
        System.err.println("maildigest: Kafka at " + config.bootstrapServers() + ", Schema Registry at "
                + config.schemaRegistryUrl() + (stack != null ? ", data in " + dataDir.toAbsolutePath().normalize() : "")
                + (stack != null && !stack.createdTopics().isEmpty() ? ", created topics " + String.join(" ", stack.createdTopics()) : ""));

        RestSchemaRegistry registry = RestSchemaRegistry.of(config);
        PrintStream out = quiet ? null : System.out;
        DigestStreams streams = DigestStreams.start(config, registry, DigestFormat.TEXT::render, dataDir.resolve("streams"), stream.threads);
        DigestSink sink = new DigestSink(config, registry, out, outDir, formats);
        Thread sinkThread = new Thread(sink, "digest-output");
        sinkThread.start();
        dev.maildigest.serve.DigestServer served = serve.start(config, registry, dataDir.resolve("serve"));
        Ingester ingester = new Ingester(specs, archives.options(dataDir), config, registry);
        Thread main = Thread.currentThread();
        OpsServer ops = metrics.start(Map.of(
                "ingest", main::isAlive,
                "stream", streams::running,
                "output", sinkThread::isAlive));

        CountDownLatch done = new CountDownLatch(1);
        EmbeddedStack embedded = stack;
        Runnable shutdown = () -> {
            if (ops != null) {
                ops.close();
            }
            ingester.close();
            if (served != null) {
                served.close();
            }
            sink.close();
            join(sinkThread);
            streams.close();
            if (embedded != null) {
                embedded.close();
            }
            done.countDown();
        };
        Thread hook = new Thread(shutdown, "run-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (archives.follow) {
                ingester.follow(archives.interval);
                done.await();
                return 0;
            }
            IngestSummary summary = ingester.ingestAvailable();
            awaitDigests(config, streams, sink);
            log.info("run done {} digests_written={}", summary, sink.delivered());
            return 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                shutdown.run();
            } catch (IllegalStateException shuttingDown) {
                done.await(); // Ctrl-C: the hook is closing everything
            }
        }
    }

    /** Waits until the stream stage and the output have consumed everything committed so far. */
    static void awaitDigests(PipelineConfig config, DigestStreams streams, DigestSink sink) throws Exception {
        var topics = config.topics();
        try (Admin admin = Admin.create(config.admin("maildigest-run-progress"))) {
            while (true) {
                if (streams.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR
                        || streams.state() == org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING) {
                    throw new UserError("the stream stage stopped before all digests were out (see the log above)");
                }
                if (sink.failure() != null) {
                    throw new UserError("the digest output stopped: " + sink.failure().getMessage());
                }
                long behind = GroupLag.of(admin, DigestStreams.APPLICATION_ID, List.of(topics.raw(), DigestStreams.repartitionTopic()))
                        + GroupLag.of(admin, DigestSink.GROUP, List.of(topics.digests()));
                if (behind == 0) {
                    return;
                }
                Thread.sleep(Duration.ofMillis(300).toMillis());
            }
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
