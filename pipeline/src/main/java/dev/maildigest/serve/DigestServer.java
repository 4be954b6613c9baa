package dev.maildigest.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.http.HttpServer;
import dev.maildigest.process.InstanceId;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.registry.SchemaRegistry;

/**
 * {@code serve}: a Kafka Streams application that materializes mail.digests into the serve stores
 * ({@link ServeTopology}) and an HTTP server that answers from them. Several instances with the
 * same application id share the lists by partition and answer for each other.
 *
 * <p>These pages face browsers and feed readers, so on top of what every {@link HttpServer} has
 * (idle timeout, bounded pool, strict URI rules) this one has a minimum request data rate, a
 * bounded number of requests in progress and waiting, and a connection limit.
 */
public final class DigestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DigestServer.class);

    /** Application id, hence consumer group and the prefix of the changelog topics. */
    public static final String APPLICATION_ID = "maildigest-serve";
    /** Loopback unless the operator says otherwise. */
    public static final String DEFAULT_HOST = HttpServer.DEFAULT_HOST;

    /** Jetty's threads: acceptor, selector and the workers. */
    static final int MAX_THREADS = 16;
    /** Requests handled at once: a page is a few store reads, or one request to another instance. */
    static final int MAX_REQUESTS = 8;
    /** Requests waiting for one of those, at most {@link #MAX_WAIT}; past either they get 503. */
    static final int QUEUE = 64;
    static final Duration MAX_WAIT = Duration.ofSeconds(5);
    /** Open connections; past that Jetty stops accepting until one closes. */
    static final int MAX_CONNECTIONS = 256;
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(20);
    /** A client that sends its request slower than this is cut off (slowloris). */
    static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);

    private final HttpServer http;
    private final KafkaStreams streams;
    private final HostInfo self;

    private DigestServer(HttpServer http, KafkaStreams streams, HostInfo self) {
        this.http = http;
        this.streams = streams;
        this.self = self;
    }

    /**
     * Serves on {@code host:port} (port 0: a free one).
     *
     * @param advertised the address other instances reach this one at, or null for {@code host:port}
     * @param standbys   standby replicas of each store (Kafka Streams' num.standby.replicas)
     */
    public static DigestServer start(PipelineConfig config, SchemaRegistry registry, String host, int port,
                                     String advertised, Path stateDir, int standbys) {
        ServeHandler handler = new ServeHandler(new Peers(PEER_TIMEOUT));
        HttpServer http = startHttp(handler, host, port);
        try {
            return startStores(config, registry, handler, http, host, advertised, stateDir, standbys);
        } catch (RuntimeException e) {
            http.close(); // the port is not left taken by a server that answers nothing
            throw e;
        }
    }

    private static DigestServer startStores(PipelineConfig config, SchemaRegistry registry, ServeHandler handler, HttpServer http,
                                            String host, String advertised, Path stateDir, int standbys) {
        int actualPort = http.port();
        HostInfo self = advertised != null ? HostInfo.buildFromEndpoint(advertised) : new HostInfo(reachable(host), actualPort);

        Properties props = config.streams(config.topics().id(APPLICATION_ID), stateDir);
        // As the stream stage: a restart takes its old place in the group at once, a clean stop leaves it.
        props.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, InstanceId.of(stateDir));
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, String.valueOf(standbys));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        // A record on mail.digests that is not a digest is logged and skipped; it must not stop the pages.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        KafkaStreams streams = new KafkaStreams(ServeTopology.build(config.topics(), RecordSerdes.using(registry)), props);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("serve stores failed, stopping: {}", e.toString(), e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> LOG.info("serve state={} previous={}", now, before));
        handler.attach(streams, self);
        streams.start();
        DigestServer server = new DigestServer(http, streams, self);
        LOG.info("serving digests url={}/ application.server={}:{}", http.url(), self.host(), self.port());
        return server;
    }

    private static HttpServer startHttp(ServeHandler handler, String host, int port) {
        return HttpServer.named("serve", "digests").host(host).port(port)
                .threads(4, MAX_THREADS).idleTimeout(IDLE_TIMEOUT)
                .minRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND)
                .maxConnections(MAX_CONNECTIONS, QUEUE)
                .requestLimit(MAX_REQUESTS, QUEUE, MAX_WAIT)
                .handler(handler)
                .start();
    }

    /** The listen address as others can reach it: a wildcard address says nothing, so it becomes this host's address. */
    private static String reachable(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isAnyLocalAddress() ? InetAddress.getLocalHost().getHostAddress() : host;
        } catch (UnknownHostException e) {
            return host;
        }
    }

    public int port() {
        return http.port();
    }

    /** The address other instances use for this one (application.server). */
    public HostInfo advertised() {
        return self;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** For health checks: running, or rebalancing on the way to running. */
    public boolean running() {
        return streams.state().isRunningOrRebalancing();
    }

    /** The partition of the serve stores that holds {@code list}, and who owns it (tests, operators). */
    public org.apache.kafka.streams.KeyQueryMetadata owner(String list) {
        return streams.queryMetadataForKey(ServeTopology.INDEX_STORE, list, new org.apache.kafka.common.serialization.StringSerializer());
    }

    @Override
    public void close() {
        http.close();
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }
}
