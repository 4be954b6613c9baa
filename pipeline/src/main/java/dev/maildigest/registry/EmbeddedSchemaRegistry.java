package dev.maildigest.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpServer;

import dev.maildigest.config.UserError;

/**
 * A Schema Registry in process, on 127.0.0.1, speaking the Confluent REST subset of
 * {@link RegistryHttpApi}. Its records live in a compacted Kafka topic in Confluent's own
 * {@code _schemas} format, so ids survive restarts and several registries may share the topic.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    static {
        // The JDK server writes headers and body apart; with Nagle's algorithm on, every answer
        // waits for a delayed ACK (~40 ms). Read once, when the first HttpServer is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final RegistryStore store;
    private final HttpServer server;
    private final ExecutorService executor;
    private boolean closed;

    EmbeddedSchemaRegistry(SchemaLog schemaLog, int port) {
        this.store = new RegistryStore(schemaLog);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "schema-registry-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            store.close();
            throw new UserError("cannot listen on 127.0.0.1:" + port + " for the Schema Registry: " + e.getMessage(), e);
        }
        server.createContext("/", new RegistryHttpApi(store));
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Starts a registry on 127.0.0.1:{@code port} (0 picks a free port) keeping its records in
     * {@code topic} of the cluster at {@code bootstrapServers}, created compacted when missing and
     * read to its end before the first request is answered.
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, String topic, int port) {
        KafkaSchemaLog schemaLog = KafkaSchemaLog.open(bootstrapServers, topic);
        try {
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(schemaLog, port);
            log.info("embedded schema registry started url={} topic={} records={}", registry.url(), topic, registry.store.applied());
            return registry;
        } catch (RuntimeException e) {
            schemaLog.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:PORT} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
        store.close();
        log.info("embedded schema registry stopped");
    }
}
