package dev.maildigest.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.UserError;
import dev.maildigest.digest.DigestFormat;
import dev.maildigest.ops.OpsServer;
import dev.maildigest.process.DirectoryLock;
import dev.maildigest.process.LogFiles;
import dev.maildigest.registry.RegistryCheck;
import dev.maildigest.registry.RestSchemaRegistry;
import dev.maildigest.stream.DigestStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stream", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the Kafka Streams stage (exactly once): parses mail.raw, groups the mail of",
            "each commit range and emits one digest per range to mail.digests (Avro) and",
            "mail.digests.text (plain text). Unreadable mail goes to mail.dead-letters.",
            "Start several with the same --bootstrap-server to share the work.",
            ""})
final class StreamCommand implements Callable<Integer> {

    @Option(names = "--describe", description = "Print the topology and exit.")
    boolean describe;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "data/streams",
            description = "Local state of the range stores (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Mixin
    StreamOptions stream;

    @Mixin
    MetricsOptions metrics;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws InterruptedException {
        PipelineConfig config = cluster.toConfig();
        if (describe) {
            // The description needs no cluster: serdes only reach the registry when records flow.
            String registryUrl = config.embedded() ? "http://unused" : config.schemaRegistryUrl();
            System.out.println(DigestStreams.topology(config, new RestSchemaRegistry(registryUrl, null), DigestFormat.TEXT::render).describe());
            return 0;
        }
        config.bootstrapServers(); // no Kafka named: one line, before any folder is made
        // One process per state folder, before anything in it is read or the cluster is touched.
        DirectoryLock lock = DirectoryLock.acquire(stateDir, "--state-dir");
        LogFiles.announce(stateDir.resolve("logs")); // beside the application's state, as `run`'s <data-dir>/logs
        config.prepareCluster();
        RestSchemaRegistry registry = RestSchemaRegistry.of(config);
        RegistryCheck.require(registry, config);
        DigestStreams streams = DigestStreams.start(config, registry, DigestFormat.TEXT::render, stateDir, stream.threads);
        OpsServer ops = metrics.start(Map.of("stream", streams::running));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (ops != null) {
                ops.close();
            }
            streams.close();
            lock.close();
        }, "stream-shutdown"));
        streams.awaitStop();
        String failure = streams.failure();
        if (failure != null) {
            // A supervisor with restart-on-failure restarts what exits non-zero.
            throw new UserError(failure);
        }
        return 0;
    }
}
