package dev.maildigest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;
import dev.maildigest.embedded.EmbeddedKafka;
import dev.maildigest.process.LogFiles;
import dev.maildigest.registry.EmbeddedSchemaRegistry;

/** {@code pipeline ingest} started first on a bare cluster: it creates the topics with the pipeline's settings. */
class IngestCommandIT {
    /** `ingest` runs in this JVM and takes Kafka's logs to its data folder: later tests get them back. */
    @AfterEach
    void giveKafkaLogsBack() {
        LogFiles.stop();
    }

    @TempDir
    Path dir;

    @Test
    void ingestFirstOnABareClusterCreatesThePipelinesTopics() throws Exception {
        Path mbox = dir.resolve("gears.mbox");
        Files.writeString(mbox, "From a@example.org Fri Nov 27 10:00:00 2026\n"
                + "From: Ann Gear <ann@gears.example>\nSubject: [PATCH] gears: oil the small one\n"
                + "Message-ID: <oil@gears.example>\n\nIt squeaks.\n\nSigned-off-by: Ann Gear <ann@gears.example>\n");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "_schemas", 0)) {
            int exit = Main.commandLine().execute("ingest", "--bootstrap-server", kafka.bootstrapServers(),
                    "--schema-registry-url", registry.url(), "--data-dir", dir.resolve("data").toString(), mbox.toString());
            assertEquals(0, exit);

            Topics topics = Topics.of("");
            PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), null, new Properties(), topics);
            try (Admin admin = Admin.create(config.admin("test"))) {
                assertTrue(admin.listTopics().names().get().containsAll(Set.of(topics.raw(), topics.checkpoints(), topics.digests())));
                ConfigResource checkpoints = new ConfigResource(ConfigResource.Type.TOPIC, topics.checkpoints());
                Config settings = admin.describeConfigs(List.of(checkpoints)).all().get().get(checkpoints);
                assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, settings.get(TopicConfig.CLEANUP_POLICY_CONFIG).value(),
                        "checkpoints are compacted, not left to the broker's defaults");
                assertEquals(topics.partitions(), admin.describeTopics(Set.of(topics.raw())).allTopicNames().get()
                        .get(topics.raw()).partitions().size());
            }
        }
    }
}
