package dev.maildigest.registry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.maildigest.http.HttpServer;


/**
 * A Schema Registry speaking the Confluent REST subset of {@link RegistryHttpApi}: in process for
 * `run` and the tests, or as a service of its own (`pipeline registry`). Its records live in a
 * compacted Kafka topic in Confluent's own {@code _schemas} format, so ids survive restarts and
 * several registries may share the topic ({@link KafkaSchemaLog} says how they agree).
 *
 * <p>HTTP is the project's {@link HttpServer}: it closes a connection idle past
 * {@link RegistryServerSettings#idleTimeout()} and answers on a bounded pool, so clients that
 * connect and stall cost a connection for a while, never the threads that answer everyone else.
 * Its own: Jetty's LEGACY URI rules, and Confluent's error JSON for what Jetty answers itself.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final RegistryStore store;
    private final HttpServer http;
    private boolean closed;

    EmbeddedSchemaRegistry(SchemaLog schemaLog, int port) {
        this(schemaLog, RegistryServerSettings.loopback(port));
    }

    EmbeddedSchemaRegistry(SchemaLog schemaLog, RegistryServerSettings settings) {
        this.store = new RegistryStore(schemaLog);
        try {
            http = HttpServer.named("schema-registry", "the Schema Registry").host(settings.host()).port(settings.port())
                    .threads(RegistryServerSettings.MIN_THREADS, settings.threads()).idleTimeout(settings.idleTimeout())
                    // Subjects may hold an encoded '/', which Jetty's default URI rules refuse as ambiguous.
                    .uriCompliance(UriCompliance.LEGACY)
                    .errors(new ConfluentErrors())
                    .handler(workers -> new RegistryHttpApi(store, settings.access(), settings.requestTimeout(), workers))
                    .start();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Starts a registry on 127.0.0.1:{@code port} (0 picks a free port) keeping its records in
     * {@code topic} of the cluster at {@code bootstrapServers}, created compacted when missing and
     * read to its end before the first request is answered.
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, String topic, int port) {
        Properties client = new Properties();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return start(client, topic, RegistryServerSettings.loopback(port));
    }

    /**
     * Starts a registry as {@code settings} say, on the cluster that the Kafka client properties
     * {@code client} reach (bootstrap.servers, security...).
     */
    public static EmbeddedSchemaRegistry start(Properties client, String topic, RegistryServerSettings settings) {
        KafkaSchemaLog schemaLog = KafkaSchemaLog.open(client, topic);
        try {
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(schemaLog, settings);
            log.info("schema registry started url={} topic={} records={} read_only={} write_auth={}", registry.url(), topic,
                    registry.store.applied(), settings.access().isReadOnly(), settings.access().needsCredentials());
            return registry;
        } catch (RuntimeException e) {
            schemaLog.close();
            throw e;
        }
    }

    /** {@code http://HOST:PORT}, the host as bound. */
    public String url() {
        return http.url();
    }

    public int port() {
        return http.port(); // a closed registry still tells where it was
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.close();
        store.close();
        log.info("schema registry stopped");
    }

    /**
     * What Jetty answers itself (a malformed request line, headers too large, a full queue...),
     * in Confluent's error JSON rather than an HTML page: clients parse every error body.
     */
    private static final class ConfluentErrors extends ErrorHandler {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                Callback callback) {
            String text = message == null || message.isBlank() ? "HTTP " + code : message;
            byte[] body = JSON.createObjectNode().put("error_code", code).put("message", text).toString()
                    .getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, RegistryHttpApi.CONTENT_TYPE);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
