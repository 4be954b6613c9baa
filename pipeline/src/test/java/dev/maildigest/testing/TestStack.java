package dev.maildigest.testing;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;

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

    @Override
    public void close() {
        try {
            embeddedRegistry.close();
        } finally {
            kafka.close();
        }
    }
}
