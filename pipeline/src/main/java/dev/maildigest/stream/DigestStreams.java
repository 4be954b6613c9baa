package dev.maildigest.stream;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.avro.Digest;
import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;
import dev.maildigest.digest.DigestBuilder;
import dev.maildigest.ops.OpsServer;
import dev.maildigest.parse.MailParser;
import dev.maildigest.process.Failures;
import dev.maildigest.process.InstanceId;
import dev.maildigest.process.LogFiles;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.registry.SchemaRegistry;

/** The stream stage as a running Kafka Streams application (exactly once v2). */
public final class DigestStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DigestStreams.class);

    /**
     * Application id without the topic prefix. The application id names the consumer group, the
     * internal topics, the transactional ids and the state folder, so it carries the prefix too:
     * {@code --topic-prefix a.} runs as {@code a.maildigest-stream}, isolated from every other prefix.
     */
    public static final String APPLICATION_ID = "maildigest-stream";

    /** The application id of the pipeline whose topics are {@code topics}: `kafka-consumer-groups` shows it. */
    public static String applicationId(Topics topics) {
        return topics.id(APPLICATION_ID);
    }

    /** Internal topic carrying parsed mail keyed by range (its name is fixed by the topology). */
    public static String repartitionTopic(Topics topics) {
        return applicationId(topics) + "-parsed-by-range-repartition";
    }

    /** Internal topic carrying the ranges' digests keyed by list, to be put in archive order. */
    public static String listRepartitionTopic(Topics topics) {
        return applicationId(topics) + "-" + DigestTopology.BY_LIST + "-repartition";
    }

    /** How long a clean stop waits for the threads to finish their work and leave the group. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics metrics;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Throwable failure;

    private DigestStreams(KafkaStreams streams) {
        this.streams = streams;
        this.metrics = OpsServer.bind(streams);
    }

    /** The topology this stage runs, with the real parser and digest builder. */
    public static Topology topology(PipelineConfig config, SchemaRegistry registry, Function<Digest, String> textRenderer) {
        MailParser parser = new MailParser();
        // The range stage builds the digest without text: the text depends on the series state, and
        // is rendered in the list stage.
        return DigestTopology.build(config.topics(), RecordSerdes.using(registry), parser::parse,
                new DigestBuilder(digest -> "")::build, textRenderer);
    }

    public static DigestStreams start(PipelineConfig config, SchemaRegistry registry, Function<Digest, String> textRenderer,
                                      Path stateDir, int threads) {
        Properties props = config.streams(applicationId(config.topics()), stateDir);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(threads));
        // Static membership: a restart after a crash takes the old members' places at once (Streams
        // adds the thread number). A clean stop leaves the group explicitly, see close().
        props.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, InstanceId.of(stateDir));
        KafkaStreams streams = new KafkaStreams(topology(config, registry, textRenderer), props);
        DigestStreams app = new DigestStreams(streams);
        streams.setUncaughtExceptionHandler(e -> {
            app.failure = e;
            // One line on the console; the trace in the data folder's log file (run) or at debug level.
            log.error("stream stage failed, stopping: {}", Failures.oneLine(e));
            LoggerFactory.getLogger(LogFiles.DETAIL).info("stream stage failed", e);
            log.debug("stream stage failed", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            log.info("stream stage state={} previous={}", now, before);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                app.stopped.countDown();
            }
        });
        streams.start();
        return app;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** For health checks: running, or rebalancing on the way to running. */
    public boolean running() {
        return streams.state().isRunningOrRebalancing();
    }

    /** Blocks until the application stops (Ctrl-C or a fatal error). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Why the stage stopped on its own, as one line; null while it runs or after a clean stop. */
    public String failure() {
        Throwable e = failure;
        if (e != null) {
            return "the stream stage failed: " + Failures.oneLine(e);
        }
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                ? "the stream stage stopped in state " + state + " (see the log)" : null;
    }

    /**
     * Stops the threads after their current transaction and leaves the group, static members
     * included: the partitions are reassigned at once and the reset tool finds the group empty.
     */
    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        metrics.close();
    }
}
