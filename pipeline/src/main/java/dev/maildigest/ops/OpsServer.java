package dev.maildigest.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.maildigest.config.UserError;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;

/**
 * The operator's HTTP endpoint of a pipeline process: {@code GET /metrics} (Prometheus text of
 * {@link PipelineMetrics} and of the Kafka clients bound with {@code bind}) and {@code GET /health}
 * (whether each stage runs; 200 when all do, 503 otherwise).
 *
 * <p>Kafka's clients also keep publishing their metrics on JMX as they do by default: binding them
 * here reads the same metrics, it does not replace the JMX reporter.
 */
public final class OpsServer implements AutoCloseable {
    /** Content type of the Prometheus text exposition format 0.0.4. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** Loopback unless the operator says otherwise: metrics show topic and archive names. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves on 127.0.0.1:{@code port} (0: a free port). */
    public static OpsServer start(int port, Map<String, BooleanSupplier> stages) {
        return start(DEFAULT_HOST, port, stages);
    }

    public static OpsServer start(String host, int port, Map<String, BooleanSupplier> stages) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UserError("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage());
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ops-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> {
            if (allowGet(exchange)) {
                respond(exchange, 200, PROMETHEUS_TEXT, PipelineMetrics.scrape());
            }
        });
        server.createContext("/health", exchange -> {
            if (allowGet(exchange)) {
                Health health = Health.of(stages);
                respond(exchange, health.httpStatus(), "application/json", health.toJson());
            }
        });
        server.start();
        OpsServer ops = new OpsServer(server, executor);
        LOG.info("ops endpoint started url=http://{}:{}/metrics health=http://{}:{}/health",
                host, ops.port(), host, ops.port());
        return ops;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Puts a producer's metrics (Kafka names, client.id tag) on /metrics; close the binding with the producer. */
    public static KafkaClientMetrics bind(Producer<?, ?> producer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(PipelineMetrics.registry());
        return metrics;
    }

    /** Puts a consumer's metrics on /metrics, records-lag among them; close the binding with the consumer. */
    public static KafkaClientMetrics bind(Consumer<?, ?> consumer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
        metrics.bindTo(PipelineMetrics.registry());
        return metrics;
    }

    /** Puts an admin client's metrics on /metrics. */
    public static KafkaClientMetrics bind(AdminClient admin) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(admin);
        metrics.bindTo(PipelineMetrics.registry());
        return metrics;
    }

    /** Puts the metrics of a Streams application and of its inner clients on /metrics. */
    public static KafkaStreamsMetrics bind(KafkaStreams streams) {
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(PipelineMetrics.registry());
        return metrics;
    }

    private static boolean allowGet(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod())) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return false;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }
}
