package dev.maildigest.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;

/** Kafka clients register their metrics when built, so the bindings can be seen without a broker. */
class KafkaBindingsTest {
    /** Nothing listens there: the clients are built, never connected. */
    private static final PipelineConfig CONFIG = new PipelineConfig("127.0.0.1:9", null, new Properties(), Topics.of(""));

    @TempDir
    Path stateDir;

    @Test
    void aBoundConsumerShowsItsMetricsUntilTheBindingCloses() {
        String clientId = "maildigest-bindings-test-consumer";
        try (var consumer = new KafkaConsumer<>(CONFIG.consumer(clientId, null), new StringDeserializer(), new StringDeserializer())) {
            try (KafkaClientMetrics binding = OpsServer.bind(consumer)) {
                assertTrue(PipelineMetrics.scrape().lines().anyMatch(l -> l.startsWith("kafka_consumer_") && l.contains(clientId)));
            }
            assertFalse(PipelineMetrics.scrape().contains(clientId), "a closed binding leaves no stale meters");
        }
    }

    @Test
    void aBoundStreamsApplicationShowsStreamMetrics() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("mail.raw").to("mail.digests.text");
        Properties props = CONFIG.streams("maildigest-bindings-test", stateDir);
        props.put("default.key.serde", Serdes.StringSerde.class.getName());
        props.put("default.value.serde", Serdes.StringSerde.class.getName());
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        try (KafkaStreamsMetrics binding = OpsServer.bind(streams)) {
            String text = PipelineMetrics.scrape();
            assertTrue(text.lines().anyMatch(l -> l.startsWith("kafka_stream_") && l.contains("maildigest-bindings-test")), text);
        } finally {
            streams.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void jvmMetersAreServedBesideThePipelines() {
        String text = PipelineMetrics.scrape();
        assertTrue(text.contains("jvm_memory_used_bytes{"));
        assertTrue(text.contains("jvm_threads_live_threads "));
        assertTrue(text.contains("process_uptime_seconds "));
    }
}
