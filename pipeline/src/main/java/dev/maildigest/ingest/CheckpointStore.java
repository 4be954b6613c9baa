package dev.maildigest.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.maildigest.avro.IngestCheckpoint;
import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.UserError;
import dev.maildigest.registry.RecordSerdes;

/** Reads the compacted checkpoint topic to its end, committed records only: where each archive stands. */
final class CheckpointStore {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private CheckpointStore() {
    }

    /** The latest committed checkpoint of every archive, by name. */
    static Map<String, IngestCheckpoint> readAll(PipelineConfig config, RecordSerdes serdes) {
        String topic = config.topics().checkpoints();
        Map<String, IngestCheckpoint> latest = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(config.consumer("maildigest-ingest-checkpoints", null),
                serdes.key(), new ByteArrayDeserializer())) {
            var infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new UserError("topic " + topic + " does not exist: create the topics first");
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed, the end offsets are the last stable offsets: nothing after them is settled.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new org.apache.kafka.common.errors.TimeoutException("reading " + topic + " took over " + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    IngestCheckpoint checkpoint = serdes.checkpoint().deserialize(topic, record.value());
                    if (checkpoint == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), checkpoint);
                    }
                }
            }
        }
        return latest;
    }
}
