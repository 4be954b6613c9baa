package dev.maildigest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.embedded.EmbeddedKafka;

/** The pipeline's topics on a real broker: which ones the broker would recompress. */
class TopicsIT {
    @TempDir
    Path dataDir;

    @Test
    void findsTopicsOnAnotherCodecThanThePipelines() throws Exception {
        Topics topics = Topics.of("");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
             Admin admin = Admin.create(new PipelineConfig(kafka.bootstrapServers(), null, new Properties(), topics).admin("test"))) {
            topics.createMissing(admin);
            Set<String> existing = admin.listTopics().names().get();
            assertEquals(List.of(), topics.withOtherCompression(admin, existing), "created with the pipeline's codec");

            setCodec(admin, topics.raw(), "zstd");
            setCodec(admin, topics.digests(), "producer");
            List<String> recompressed = List.of();
            for (int tries = 0; tries < 50 && recompressed.isEmpty(); tries++) {
                Thread.sleep(100); // the broker applies a config change once it reads it from the metadata log
                recompressed = topics.withOtherCompression(admin, existing);
            }
            assertEquals(List.of(topics.raw()), recompressed, "zstd is recompressed; 'producer' keeps the pipeline's codec");
        }
    }

    private static void setCodec(Admin admin, String topic, String codec) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry(TopicConfig.COMPRESSION_TYPE_CONFIG, codec), AlterConfigOp.OpType.SET)))).all().get();
    }
}
