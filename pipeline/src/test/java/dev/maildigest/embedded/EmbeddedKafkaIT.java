package dev.maildigest.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;

class EmbeddedKafkaIT {

    @TempDir
    Path dataDir;

    @Test
    void topicsAndTransactionalRecordsSurviveARestart() throws Exception {
        PipelineConfig config;
        Topics topics = Topics.of("");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
            config = new PipelineConfig(kafka.bootstrapServers(), null, new Properties(), topics);
            try (Admin admin = Admin.create(config.admin("test"))) {
                List<String> created = topics.createMissing(admin);
                assertEquals(6, created.size());
                assertTrue(admin.listTopics().names().get().containsAll(Set.of("mail.raw", "mail.ingest-checkpoints", "_schemas")));
            }
            Properties producerProps = config.transactionalProducer("test", "test-tx");
            try (var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("mail.raw", "k", "kept"));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("mail.raw", "k", "aborted"));
                producer.abortTransaction();
            }
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
            config = config.withEndpoints(kafka.bootstrapServers(), null);
            try (Admin admin = Admin.create(config.admin("test"))) {
                assertEquals(List.of(), topics.createMissing(admin), "topics are kept across restarts");
            }
            assertEquals(List.of("kept"), readAll(config, "mail.raw", 1));
        }
    }

    static List<String> readAll(PipelineConfig config, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config.consumer("test", null), new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + 15_000;
            while (values.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            // one more poll: an extra record would show up now
            consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
        }
        return values;
    }
}
