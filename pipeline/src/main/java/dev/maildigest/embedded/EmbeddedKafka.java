package dev.maildigest.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import dev.maildigest.config.Topics;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * The real Kafka broker, in process: one KRaft node that is both broker and controller,
 * listening on loopback, with its log in a folder that survives restarts.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final String SAVED_PROPERTIES = "kraft-server.properties";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Starts a broker on 127.0.0.1:{@code port} (0 picks a free port) keeping its log under
     * {@code dataDir}. A folder that already holds a formatted log is reused as it is.
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        EmbeddedKafka kafka = new EmbeddedKafka(dataDir, port == 0 ? freePort() : port, controllerPort(dataDir));
        kafka.startServer();
        return kafka;
    }

    /**
     * The controller's address is written into the formatted log (it is the quorum's only voter):
     * a restart must listen on the same port, so it is read back from the properties saved at format.
     */
    private static int controllerPort(Path dataDir) {
        Path saved = dataDir.resolve(SAVED_PROPERTIES);
        if (Files.exists(dataDir.resolve("kafka").resolve("meta.properties")) && Files.exists(saved)) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(saved)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + saved, e);
            }
            String bootstrap = p.getProperty("controller.quorum.bootstrap.servers", "");
            return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        }
        return freePort();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private void startServer() {
        Path logDir = dataDir.resolve("kafka");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data folder " + logDir, e);
        }
        Properties props = brokerProperties(logDir);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(props, logDir);
        } else if (StaleRegistration.leftBy(logDir)) {
            StaleRegistration.fence(props, "127.0.0.1:" + controllerPort);
        }
        server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        log.info("embedded Kafka started bootstrap={} data={}", bootstrapServers(), logDir);
    }

    private Properties brokerProperties(Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("message.max.bytes", String.valueOf(Topics.MAX_MESSAGE_BYTES));
        p.put("replica.fetch.max.bytes", String.valueOf(Topics.MAX_MESSAGE_BYTES));
        p.put("compression.type", "producer");
        // The log cleaner's dedupe buffer is allocated whole at start-up, on the heap the pipeline
        // shares: Kafka's default is 128 MiB. The compacted topics here (changelogs, checkpoints,
        // schemas) are small; 16 MiB still holds about 600,000 keys per cleaning pass.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        // Kafka's own broker session (9 s): a restart after an unclean stop no longer waits for the
        // old session to end (StaleRegistration fences it), and a short session would fence the
        // running broker, with the same leaderless moment, whenever a busy machine delays a heartbeat.
        return p;
    }

    private static void format(Properties props, Path logDir) {
        Path config = logDir.resolveSibling(SAVED_PROPERTIES);
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "embedded KRaft node, written for kafka-storage format");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            // Transactions v1 (with the broker's partition verification), not 4.x's default v2: the
            // pipeline's exactly-once and crash tests were measured under v1, and v2 fills the log
            // with retried CONCURRENT_TRANSACTIONS/OUT_OF_ORDER_SEQUENCE_NUMBER lines between
            // back-to-back transactions. (A hang after kill -9 first blamed on v2 was the stale
            // registration that StaleRegistration fences.)
            StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString(), "--standalone", "--feature", "transaction.version=1"}, out);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka log in " + logDir + ": " + e.getMessage(), e);
        }
        log.debug("formatted {}: {}", logDir, buffer.toString(StandardCharsets.UTF_8).trim());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            log.info("embedded Kafka stopped");
        }
    }
}
