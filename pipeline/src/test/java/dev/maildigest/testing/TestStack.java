package dev.maildigest.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;
import dev.maildigest.embedded.EmbeddedKafka;
import dev.maildigest.registry.EmbeddedSchemaRegistry;
import dev.maildigest.registry.RestSchemaRegistry;

/**
 * Integration tests: the real in-process broker with the pipeline's topics, the embedded Schema
 * Registry on it, and a REST client of that registry. One place to change how tests get their cluster.
 * Starting again on the same folder finds the same records and schema ids.
 */
public final class TestStack implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry embeddedRegistry;
    private final RestSchemaRegistry registry;
    private final PipelineConfig config;

    private TestStack(EmbeddedKafka kafka, EmbeddedSchemaRegistry embeddedRegistry, PipelineConfig config) {
        this.kafka = kafka;
        this.embeddedRegistry = embeddedRegistry;
        this.registry = new RestSchemaRegistry(embeddedRegistry.url(), null);
        this.config = config;
    }

    public static TestStack start(Path dataDir) {
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
        try {
            Topics topics = Topics.of("");
            PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), null, new Properties(), topics);
            try (Admin admin = Admin.create(config.admin("test-setup"))) {
                topics.createMissing(admin);
            }
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), topics.schemas(), 0);
            return new TestStack(kafka, registry, config.withEndpoints(kafka.bootstrapServers(), registry.url()));
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** Client settings for the broker and the registry (schema.registry.url set). */
    public PipelineConfig config() {
        return config;
    }

    /** A REST client of the embedded registry, as the pipeline's stages use. */
    public RestSchemaRegistry registry() {
        return registry;
    }

    public String registryUrl() {
        return embeddedRegistry.url();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Keys (as text, Avro framing left in) of the committed records of {@code topic}, from the start to the last stable offset. */
    public List<String> committedKeys(String topic) {
        Properties props = config().consumer("test-stack-reader", null);
        List<String> keys = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            Set<TopicPartition> open = new HashSet<>(partitions);
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(new String(record.key(), 5, record.key().length - 5, StandardCharsets.UTF_8));
                }
                open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            }
        }
        return keys;
    }

    @Override
    public void close() {
        try {
            embeddedRegistry.close();
        } finally {
            kafka.close();
        }
    }
}
