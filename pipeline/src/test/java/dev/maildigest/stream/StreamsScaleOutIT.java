package dev.maildigest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.avro.Digest;
import dev.maildigest.avro.RawMail;
import dev.maildigest.digest.DigestFormat;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.testing.TestStack;

/**
 * Two Streams instances share the work over the four partitions of mail.raw; one stops in the
 * middle of the run. Every range still yields exactly one digest, with all its messages.
 */
class StreamsScaleOutIT {
    private static final int RANGES = 24;
    private static final int RANGE_SIZE = 8;

    @TempDir
    Path dir;

    @Test
    void everyRangeYieldsExactlyOneDigestWhenAnInstanceStopsMidRun() throws Exception {
        try (TestStack stack = TestStack.start(dir.resolve("kafka"))) {
            RecordSerdes serdes = RecordSerdes.using(stack.registry());
            try (Admin admin = Admin.create(stack.config().admin("test"))) {
                assertEquals(4, admin.describeTopics(List.of("mail.raw")).allTopicNames().get().get("mail.raw").partitions().size());
            }
            DigestStreams first = DigestStreams.start(stack.config(), stack.registry(), DigestFormat.TEXT::render, dir.resolve("a"), 1);
            DigestStreams second = DigestStreams.start(stack.config(), stack.registry(), DigestFormat.TEXT::render, dir.resolve("b"), 1);
            try (var producer = new KafkaProducer<>(stack.config().transactionalProducer("test", "test-scale-out"),
                    serdes.key(), serdes.rawMail())) {
                producer.initTransactions();
                publish(producer, 0, RANGES / 2);
                awaitDigests(stack, serdes, 1);
                second.close(); // mid-run: its partitions move to the first instance
                publish(producer, RANGES / 2, RANGES);
            } finally {
                second.close();
            }
            try {
                Map<String, List<Digest>> byRange = awaitDigests(stack, serdes, RANGES);
                assertEquals(RANGES, byRange.size(), "one digest per range, none lost");
                byRange.forEach((range, digests) -> {
                    assertEquals(1, digests.size(), "exactly one digest for " + range);
                    assertEquals(RANGE_SIZE, digests.get(0).getMessages(), "all messages of " + range);
                });
                int messages = byRange.values().stream().mapToInt(d -> d.get(0).getMessages()).sum();
                assertEquals(RANGES * RANGE_SIZE, messages);
            } finally {
                first.close();
            }
        }
    }

    /** Each range in its own transaction, its messages keyed by commit as the ingester keys them. */
    private static void publish(KafkaProducer<String, RawMail> producer, int from, int to) {
        for (int r = from; r < to; r++) {
            producer.beginTransaction();
            for (RawMail mail : TestMails.range("kvm", String.format("%08x", r * 0x1000 + 0xa0000), RANGE_SIZE)) {
                producer.send(new ProducerRecord<>("mail.raw", "kvm:" + mail.getCoordinates().getCommit(), mail));
            }
            producer.commitTransaction();
        }
    }

    /** Reads mail.digests (committed only) until {@code expected} ranges are there, then a little longer. */
    private static Map<String, List<Digest>> awaitDigests(TestStack stack, RecordSerdes serdes, int expected) throws InterruptedException {
        Map<String, List<Digest>> byRange = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(stack.config().consumer("test-digests", null), serdes.key(), serdes.digest())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor("mail.digests").forEach(p -> partitions.add(new TopicPartition("mail.digests", p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + 120_000;
            long quietUntil = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, Digest> record : consumer.poll(Duration.ofMillis(500))) {
                    byRange.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
                }
                if (byRange.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.currentTimeMillis() + 3_000; // a duplicate would show up now
                }
            }
        }
        assertTrue(byRange.size() >= expected, "digests of " + byRange.size() + " ranges, expected " + expected);
        return byRange;
    }
}
