package dev.maildigest.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;
import dev.maildigest.config.UserError;
import dev.maildigest.http.HttpServer;
import dev.maildigest.http.ListenAddress;
import dev.maildigest.process.LogFiles;
import dev.maildigest.registry.EmbeddedSchemaRegistry;
import dev.maildigest.registry.RegistryAccess;
import dev.maildigest.registry.RegistryServerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "registry", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Serves the pipeline's Schema Registry on any Kafka cluster: Confluent's REST API",
            "(the subset producers and consumers use, Avro), its records in _schemas in",
            "Confluent's format. Start several on the same cluster: they agree on ids and",
            "versions. Reads are open; writes may need basic auth (--auth-file) or be off.",
            "",
            "Example:",
            "  pipeline registry --bootstrap-server kafka:9092 --listen 0.0.0.0:8081",
            "  pipeline ingest --bootstrap-server kafka:9092 --schema-registry-url http://registry:8081 ...",
            ""})
final class RegistryCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT", required = true,
            description = "Kafka cluster that keeps the registry's records.")
    String bootstrapServer;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Kafka client properties (security, timeouts...), as for the other commands.")
    Path configFile;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = HttpServer.DEFAULT_HOST + ":8081",
            description = "Address to serve on (default: ${DEFAULT-VALUE}; 0.0.0.0:8081 for other hosts or containers; port 0 picks one).")
    String listen;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "_schemas",
            description = "Topic of the registry's records (default: ${DEFAULT-VALUE}, Confluent's).")
    String topic;

    @Option(names = "--auth-file", paramLabel = "FILE",
            description = "Writes (registering, setting compatibility) need HTTP basic auth as one of this file's"
                    + " users, one user:password a line. Clients give theirs as basic.auth.user.info in --config.")
    Path authFile;

    @Option(names = "--read-only", description = "Refuse every write (serve the schemas of the topic as they are).")
    boolean readOnly;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Close a connection that sends nothing for this long, mid-request or idle (default: 10s).")
    Duration idleTimeout = RegistryServerSettings.DEFAULT_IDLE_TIMEOUT;

    @Option(names = "--request-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Answer 408 to a request whose body has not arrived by then (default: 30s).")
    Duration requestTimeout = RegistryServerSettings.DEFAULT_REQUEST_TIMEOUT;

    @Option(names = "--threads", paramLabel = "N",
            description = "HTTP threads, accepting and selecting included (default: 16, at least 4).")
    int threads = RegistryServerSettings.DEFAULT_THREADS;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "Write the log, Kafka's clients' included, to DIR/server.log (rolled at 100 MB, five kept) and keep"
                    + " the console to the registry's own lines (default: everything on stderr, Kafka's clients at WARN).")
    Path logDir;

    @Override
    public Integer call() throws InterruptedException {
        if (readOnly && authFile != null) {
            throw new UserError("--read-only and --auth-file exclude each other: a read-only registry takes no writes");
        }
        if (threads < RegistryServerSettings.MIN_THREADS) {
            throw new UserError("--threads must be at least " + RegistryServerSettings.MIN_THREADS + ", not " + threads);
        }
        RegistryAccess access = readOnly ? RegistryAccess.readOnly()
                : authFile != null ? RegistryAccess.usersOf(authFile) : RegistryAccess.open();
        ListenAddress address = ListenAddress.parse(listen);
        RegistryServerSettings settings = new RegistryServerSettings(address.host(), address.port(), idleTimeout,
                requestTimeout, threads, access);
        if (logDir != null) {
            LogFiles.announce(logDir);
        }
        PipelineConfig config = new PipelineConfig(bootstrapServer, null, PipelineConfig.readClientProperties(configFile), Topics.of(""));
        config.requireReachable(15_000); // one line, rather than Kafka's clients retrying for minutes
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(config.admin("maildigest-schema-registry"), topic, settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registry.close();
            stopped.countDown();
        }, "registry-shutdown"));
        // One line for people and scripts (port 0 tells here which port it got).
        System.out.println("schema registry listening on " + registry.url() + " topic=" + topic
                + (readOnly ? " read-only" : authFile != null ? " writes-need-auth" : ""));
        System.out.flush();
        stopped.await();
        return 0;
    }
}
