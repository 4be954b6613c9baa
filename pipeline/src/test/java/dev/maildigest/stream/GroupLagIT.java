package dev.maildigest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;
import dev.maildigest.embedded.EmbeddedKafka;

/**
 * What the run's drain waits on, against the real broker: a transaction still open on an output is
 * invisible to the lag of a group (its records are past the last stable offset), and is counted by
 * {@link GroupLag#inOpenTransactions} until its end is marked.
 */
class GroupLagIT {
    private static final String TOPIC = "lag-out";

    @TempDir
    Path dir;

    @Test
    void recordsOfAnOpenTransactionAreInFlightUntilItsEndIsMarked() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), null, new Properties(), Topics.of(""));
            try (Admin admin = Admin.create(config.admin("group-lag-it"))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                Properties props = config.transactionalProducer("group-lag-it", "group-lag-it");
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                    producer.initTransactions();
                    producer.beginTransaction();
                    for (int i = 0; i < 3; i++) {
                        producer.send(new ProducerRecord<>(TOPIC, ("digest " + i).getBytes()));
                    }
                    producer.flush();

                    assertEquals(0, GroupLag.of(admin, "a-reader", List.of(TOPIC)), "not readable yet: no lag");
                    assertEquals(3, GroupLag.inOpenTransactions(admin, List.of(TOPIC)), "but in flight");

                    producer.commitTransaction();
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (GroupLag.inOpenTransactions(admin, List.of(TOPIC)) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20); // the commit marker is written after commitTransaction returns
                }
                assertEquals(0, GroupLag.inOpenTransactions(admin, List.of(TOPIC)));
                assertTrue(GroupLag.of(admin, "a-reader", List.of(TOPIC)) >= 3, "committed: a reader that read nothing is behind");
            }
        }
    }
}
