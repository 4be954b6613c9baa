package dev.maildigest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.avro.RawMail;
import dev.maildigest.digest.DigestFormat;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.testing.TestStack;

/**
 * Records of ranges whose digests are already out arrive again (an archive ingested twice): on the
 * real broker, with the stream stage as `stream` runs it, no second digest, for a range of one
 * message too.
 */
class LateDuplicateIT {
    @TempDir
    Path dir;

    @Test
    void repeatedRecordsOfDigestedRangesGiveNoSecondDigest() throws Exception {
        try (TestStack stack = TestStack.start(dir.resolve("kafka"));
             DigestStreams streams = DigestStreams.start(stack.config(), stack.registry(), DigestFormat.TEXT::render,
                     dir.resolve("state"), 1)) {
            List<RawMail> three = TestMails.range("nuts", "a1a1", 3);
            List<RawMail> one = TestMails.range("nuts", "b2b2", 1);
            publish(stack, three);
            publish(stack, one);
            await(stack, 2);

            publish(stack, three.subList(1, 2)); // late duplicates, after both digests
            publish(stack, one);
            publish(stack, three);
            publish(stack, TestMails.range("nuts", "c3c3", 1)); // a new range: once its digest is out, the repeats were seen

            await(stack, 3);
            awaitCaughtUp(stack); // every repeat processed, whichever partition it went to
            List<String> keys = stack.committedKeys(stack.config().topics().digests());
            assertEquals(3, keys.size(), "no second digest: " + keys);
            assertEquals(3, keys.stream().distinct().count(), keys.toString());
        }
    }

    private static void publish(TestStack stack, List<RawMail> mails) {
        RecordSerdes serdes = RecordSerdes.using(stack.registry());
        try (var producer = new KafkaProducer<>(stack.config().transactionalProducer("late-duplicate-it", "late-duplicate-it"),
                serdes.key().serializer(), serdes.rawMail().serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (RawMail mail : mails) {
                producer.send(new ProducerRecord<>(stack.config().topics().raw(),
                        mail.getCoordinates().getList() + ":" + mail.getCoordinates().getCommit(), mail));
            }
            producer.commitTransaction();
        }
    }

    private static void awaitCaughtUp(TestStack stack) throws Exception {
        var topics = stack.config().topics();
        try (Admin admin = Admin.create(stack.config().admin("late-duplicate-it"))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (GroupLag.of(admin, DigestStreams.applicationId(topics), List.of(topics.raw(), DigestStreams.repartitionTopic(topics))) > 0) {
                if (System.nanoTime() > deadline) {
                    fail("the stream stage did not catch up");
                }
                Thread.sleep(300);
            }
        }
    }

    /** The digests' keys once there are at least {@code count}. */
    private static List<String> await(TestStack stack, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        List<String> keys = List.of();
        while (System.nanoTime() < deadline) {
            keys = stack.committedKeys(stack.config().topics().digests());
            if (keys.size() >= count) {
                return keys;
            }
            Thread.sleep(500);
        }
        return fail("only " + keys.size() + " digests in time: " + keys);
    }
}
