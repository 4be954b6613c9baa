package dev.maildigest.ops;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.http.HttpServer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;

/**
 * The operator's HTTP endpoint of a pipeline process: {@code GET /metrics} (Prometheus text of
 * {@link PipelineMetrics} and of the Kafka clients bound with {@code bind}) and {@code GET /health}
 * (whether each stage runs; 200 when all do, 503 otherwise).
 *
 * <p>Served by {@link HttpServer} on a small bounded pool, connections idle for {@link #IDLE_TIMEOUT}
 * closed: once it listens beyond loopback (a container's healthcheck, Prometheus in another
 * container), a client that connects and stalls must not hold the thread /health answers on.
 *
 * <p>Kafka's clients also keep publishing their metrics on JMX as they do by default: binding them
 * here reads the same metrics, it does not replace the JMX reporter.
 */
public final class OpsServer implements AutoCloseable {
    /** Content type of the Prometheus text exposition format 0.0.4. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** Loopback unless the operator says otherwise: metrics show topic and archive names. */
    public static final String DEFAULT_HOST = HttpServer.DEFAULT_HOST;
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** Acceptor and selector take two; the rest answer. */
    private static final int THREADS = 6;

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);

    private final HttpServer http;

    private OpsServer(HttpServer http) {
        this.http = http;
    }

    /** Serves on 127.0.0.1:{@code port} (0: a free port). */
    public static OpsServer start(int port, Map<String, BooleanSupplier> stages) {
        return start(DEFAULT_HOST, port, stages);
    }

    public static OpsServer start(String host, int port, Map<String, BooleanSupplier> stages) {
        HttpServer http = HttpServer.named("ops", "metrics").host(host).port(port)
                .threads(2, THREADS).idleTimeout(IDLE_TIMEOUT)
                .handler(new Endpoints(stages))
                .start();
        LOG.info("ops endpoint started url={}/metrics health={}/health", http.url(), http.url());
        return new OpsServer(http);
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
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

    /** GET or HEAD of /metrics and /health; 405 for other methods, 404 elsewhere. */
    private static final class Endpoints extends Handler.Abstract {
        private final Map<String, BooleanSupplier> stages;

        Endpoints(Map<String, BooleanSupplier> stages) {
            super(InvocationType.BLOCKING);
            this.stages = stages;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = request.getHttpURI().getPath();
            String method = request.getMethod();
            boolean known = "/metrics".equals(path) || "/health".equals(path);
            if (!known) {
                respond(request, response, callback, 404, "text/plain; charset=utf-8", "not found\n");
            } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                respond(request, response, callback, 405, "text/plain; charset=utf-8", "method not allowed\n");
            } else if ("/metrics".equals(path)) {
                respond(request, response, callback, 200, PROMETHEUS_TEXT, PipelineMetrics.scrape());
            } else {
                Health health = Health.of(stages);
                respond(request, response, callback, health.httpStatus(), "application/json", health.toJson());
            }
            return true;
        }

        private static void respond(Request request, Response response, Callback callback, int status, String contentType,
                String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            boolean head = "HEAD".equals(request.getMethod());
            response.write(true, head ? null : ByteBuffer.wrap(bytes), callback);
        }
    }
}
