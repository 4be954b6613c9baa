package dev.maildigest.digest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.avro.Digest;
import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.UserError;
import dev.maildigest.registry.AvroSerde;
import dev.maildigest.registry.SchemaRegistry;

/**
 * Reads digest records from mail.digests without a consumer group (all partitions assigned, no
 * offsets committed), seeing committed transactions only. Either stops at the end of the topic as
 * it was when reading started, or follows it until {@link #stop()}.
 */
public final class DigestTopicReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DigestTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String topic;
    private final AvroSerde<Digest> serde;
    private final KafkaConsumer<byte[], byte[]> consumer;

    public DigestTopicReader(PipelineConfig config, SchemaRegistry registry) {
        this.topic = config.topics().digests();
        this.serde = AvroSerde.forValues(registry, Digest.class);
        this.consumer = new KafkaConsumer<>(config.consumer("maildigest-digests-reader", null),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Hands each digest to {@code onDigest}, partition by partition in offset order. A record that
     * is not a readable digest is logged and skipped.
     *
     * @param fromBeginning start at the oldest digest, else at the end (only new digests)
     * @param follow        keep waiting for new digests until {@link #stop()}, else return at the end
     * @return how many digests were handed over
     */
    public long read(boolean fromBeginning, boolean follow, Consumer<Digest> onDigest) {
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long count = 0;
        try {
            while (follow || !reached(end)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    Digest digest = decode(record);
                    if (digest != null) {
                        onDigest.accept(digest);
                        count++;
                    }
                }
            }
        } catch (WakeupException stopped) {
            LOG.debug("digest reader stopped");
        } catch (InterruptException interrupted) {
            Thread.currentThread().interrupt(); // the consumer cleared the flag; the caller may want it
            LOG.debug("digest reader interrupted");
        }
        LOG.info("digests read topic={} count={}", topic, count);
        return count;
    }

    /**
     * Ends a {@link #read} in progress from another thread (a shutdown hook, for Ctrl-C); so does
     * interrupting the reading thread.
     */
    public void stop() {
        consumer.wakeup();
    }

    private List<TopicPartition> partitions() {
        var infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new UserError("topic " + topic + " does not exist: no digests have been produced on this cluster yet");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Digest decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return serde.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            LOG.warn("digest skipped topic={} partition={} offset={} reason={}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        // An interrupted thread cannot close a consumer cleanly: close first, then restore the flag.
        boolean interrupted = Thread.interrupted();
        try {
            consumer.close();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
