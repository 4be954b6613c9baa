package dev.maildigest.testing;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;
import dev.maildigest.embedded.EmbeddedKafka;
import dev.maildigest.registry.SchemaRegistry;

/**
 * Integration tests: the real in-process broker with the pipeline's topics, and a Schema Registry.
 * One place to change how tests get their cluster.
 */
public final class TestStack implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final SchemaRegistry registry;
    private final PipelineConfig config;

    private TestStack(EmbeddedKafka kafka, SchemaRegistry registry, PipelineConfig config) {
        this.kafka = kafka;
        this.registry = registry;
        this.config = config;
    }

    public static TestStack start(Path dataDir) {
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
        // TODO(registry): the embedded Schema Registry replaces this once it lands.
        SchemaRegistry registry = new InMemorySchemaRegistry();
        PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), "http://unused", new Properties(), Topics.of(""));
        try (Admin admin = Admin.create(config.admin("test-setup"))) {
            config.topics().createMissing(admin);
        }
        return new TestStack(kafka, registry, config);
    }

    public PipelineConfig config() {
        return config;
    }

    public SchemaRegistry registry() {
        return registry;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void close() {
        kafka.close();
    }
}
