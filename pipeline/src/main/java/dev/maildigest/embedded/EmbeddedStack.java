package dev.maildigest.embedded;

import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.clients.admin.Admin;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.UserError;
import dev.maildigest.registry.EmbeddedSchemaRegistry;

/**
 * The embedded default: a real Kafka broker and our Schema Registry on loopback, data kept under
 * one folder so that the next start resumes where this one stopped, and the pipeline's topics.
 */
public final class EmbeddedStack implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final List<String> createdTopics;

    private EmbeddedStack(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, List<String> createdTopics) {
        this.kafka = kafka;
        this.registry = registry;
        this.createdTopics = createdTopics;
    }

    /** Starts broker and registry and creates the missing topics of {@code config}. */
    public static EmbeddedStack start(Path dataDir, int kafkaPort, int registryPort, PipelineConfig config) {
        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(dataDir, kafkaPort);
        } catch (RuntimeException e) {
            throw new UserError("cannot start the embedded Kafka on port " + kafkaPort + " with data in " + dataDir
                    + ": " + rootMessage(e) + " (another program on that port? give another --kafka-port, or 0 for any free one)", e);
        }
        try {
            PipelineConfig local = config.withEndpoints(kafka.bootstrapServers(), null);
            List<String> created;
            try (Admin admin = Admin.create(local.admin("maildigest-setup"))) {
                created = local.topics().createMissing(admin);
            }
            EmbeddedSchemaRegistry registry;
            try {
                registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), local.topics().schemas(), registryPort);
            } catch (RuntimeException e) {
                throw new UserError("cannot start the embedded Schema Registry on port " + registryPort + ": "
                        + rootMessage(e) + " (try --registry-port)", e);
            }
            return new EmbeddedStack(kafka, registry, created);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    /** Topics this start created (empty when the data folder already had them). */
    public List<String> createdTopics() {
        return createdTopics;
    }

    @Override
    public void close() {
        registry.close();
        kafka.close();
    }
}
