package dev.maildigest.stream;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.avro.Digest;
import dev.maildigest.config.PipelineConfig;
import dev.maildigest.digest.DigestBuilder;
import dev.maildigest.ops.OpsServer;
import dev.maildigest.parse.MailParser;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.registry.SchemaRegistry;

/** The stream stage as a running Kafka Streams application (exactly once v2). */
public final class DigestStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DigestStreams.class);

    /** Application id, hence consumer group and client id prefix: `kafka-consumer-groups` shows it. */
    public static final String APPLICATION_ID = "maildigest-stream";

    /** Internal topic carrying parsed mail keyed by range (its name is fixed by the topology). */
    public static String repartitionTopic() {
        return APPLICATION_ID + "-parsed-by-range-repartition";
    }

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics metrics;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private DigestStreams(KafkaStreams streams) {
        this.streams = streams;
        this.metrics = OpsServer.bind(streams);
    }

    /** The topology this stage runs, with the real parser and digest builder. */
    public static Topology topology(PipelineConfig config, SchemaRegistry registry, Function<Digest, String> textRenderer) {
        MailParser parser = new MailParser();
        return DigestTopology.build(config.topics(), RecordSerdes.using(registry), parser::parse,
                new DigestBuilder(textRenderer)::build);
    }

    public static DigestStreams start(PipelineConfig config, SchemaRegistry registry, Function<Digest, String> textRenderer,
                                      Path stateDir, int threads) {
        Properties props = config.streams(APPLICATION_ID, stateDir);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(threads));
        KafkaStreams streams = new KafkaStreams(topology(config, registry, textRenderer), props);
        DigestStreams app = new DigestStreams(streams);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("stream stage failed, stopping: {}", e.toString(), e);
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

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        metrics.close();
    }
}
