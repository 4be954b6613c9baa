package dev.maildigest.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;

/**
 * The child of {@link EmbeddedKafkaCrashIT}: the embedded node in {@code args[0]} and one
 * transactional producer committing {@code args[2]} transactions, each writing one record to every
 * partition of {@link #TOPIC}: the run's number {@code args[1]} times a million plus the
 * transaction's. It prints each number once its commit has returned, and right after the last one
 * halts the JVM as kill -9 would (no shutdown hook, no clean stop of the node), while the commit's
 * markers are most likely still on their way to the partitions.
 */
public final class CommittingNode {
    static final String TOPIC = "crash.commits";
    static final int PARTITIONS = 6;
    static final String TRANSACTIONAL_ID = "crash-tx";

    private CommittingNode() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), 0);
        PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), null, new Properties(), Topics.of(""));
        try (Admin admin = Admin.create(config.admin("crash-admin"))) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            }
        }
        Properties props = config.transactionalProducer("crash-producer", TRANSACTIONAL_ID);
        props.put("linger.ms", "0");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            long first = Long.parseLong(args[1]) * 1_000_000 + 1;
            long last = first + Long.parseLong(args[2]) - 1;
            for (long n = first; ; n++) {
                producer.beginTransaction();
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    producer.send(new ProducerRecord<>(TOPIC, partition, null, Long.toString(n)));
                }
                producer.commitTransaction();
                System.out.println("committed " + n);
                if (n == last) {
                    Runtime.getRuntime().halt(137);
                }
            }
        }
    }
}
