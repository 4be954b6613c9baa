package dev.maildigest.cli;

import java.nio.file.Path;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;
import picocli.CommandLine.Option;

/** Where Kafka and the Schema Registry are, shared by every command that talks to them. */
public final class ClusterOptions {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "Kafka to use. Without it, `run` starts an embedded broker; other commands need it.")
    String bootstrapServer;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Confluent-compatible Schema Registry (default with --bootstrap-server: none; embedded mode starts its own).")
    String schemaRegistryUrl;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Kafka client properties (security, timeouts...), passed to every client as Kafka's tools do."
                    + " schema.registry.url and basic.auth.user.info are read from it too.")
    Path configFile;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Put in front of every topic name but _schemas, the registry's (default: none).")
    String topicPrefix;

    public PipelineConfig toConfig() {
        return new PipelineConfig(bootstrapServer, schemaRegistryUrl,
                PipelineConfig.readClientProperties(configFile), Topics.of(topicPrefix));
    }
}
