package dev.maildigest.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.LoggerFactory;

import dev.maildigest.avro.IngestCheckpoint;
import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.UserError;
import dev.maildigest.registry.RecordSerdes;

/** Reads the compacted checkpoint topic to its end, committed records only: where each archive stands. */
final class CheckpointStore {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Longer than the default transaction.timeout.ms (1 min), after which the broker aborts a dead producer's transaction. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(150);

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
            Map<TopicPartition, Long> end = settledEnd(config, consumer, partitions);
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

    /**
     * The last stable offsets once every transaction open when this is called has ended. The
     * ingester calls this after its workers fenced their own ids, so an open transaction is another
     * process's: typically one that died under another instance id (a data folder that was not
     * kept), which the broker aborts after {@code transaction.timeout.ms} (1 min). Reading before
     * that would miss the checkpoints committed after that transaction began, and publish their
     * ranges again.
     */
    private static Map<TopicPartition, Long> settledEnd(PipelineConfig config, KafkaConsumer<String, byte[]> committed,
                                                        List<TopicPartition> partitions) {
        Map<TopicPartition, Long> written;
        var props = config.consumer("maildigest-ingest-checkpoints-end", null);
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (var all = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            written = all.endOffsets(partitions, TIMEOUT);
        }
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        boolean logged = false;
        while (true) {
            Map<TopicPartition, Long> stable = committed.endOffsets(partitions, TIMEOUT);
            // A transaction's marker comes after its records: settled means the stable end passed what was written.
            if (partitions.stream().allMatch(p -> stable.get(p) >= written.get(p))) {
                return stable;
            }
            if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("a transaction on " + partitions.get(0).topic()
                        + " stayed open over " + SETTLE_TIMEOUT.toSeconds() + " s: is another ingester writing checkpoints?");
            }
            if (!logged) {
                logged = true;
                LoggerFactory.getLogger(CheckpointStore.class).warn("waiting for a transaction of another ingester to end on {}"
                        + " (one that died under another instance id is aborted by the broker within a minute)", partitions.get(0).topic());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.common.errors.InterruptException(e);
            }
        }
    }
}
