package dev.maildigest.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.maildigest.avro.IngestCheckpoint;
import dev.maildigest.cli.Main;
import dev.maildigest.config.PipelineConfig;
import dev.maildigest.ops.PipelineStatus.ArchiveStatus;
import dev.maildigest.ops.PipelineStatus.GroupStatus;
import dev.maildigest.ops.PipelineStatus.LastDigest;
import dev.maildigest.ops.PipelineStatus.PartitionLag;
import dev.maildigest.registry.AvroSerde;
import dev.maildigest.testing.TestStack;

class PipelineStatusIT {
    private static final String GROUP = "maildigest-status-it";
    private static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");

    @TempDir
    Path dir;

    @Test
    void afterAFinishedRunStatusShowsTheCountsZeroLagTheCheckpointAndTheLastDigest() throws Exception {
        List<String> commits = EmptyCommits.create(dir.resolve("archive"), 5);
        String archive = dir.resolve("archive").toString();
        try (TestStack stack = TestStack.start(dir.resolve("kafka"))) {
            PipelineConfig config = stack.config();
            AvroSerde<IngestCheckpoint> checkpoints = AvroSerde.forValues(stack.registry(), IngestCheckpoint.class);
            // Checkpoints are keyed by Avro strings, as the ingester writes them; the text topic by plain strings.
            AvroSerde<String> avroKeys = AvroSerde.forStringKeys(stack.registry());
            Serializer<String> keys = (topic, key) -> topic.equals(config.topics().checkpoints())
                    ? avroKeys.serialize(topic, key) : key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (var producer = new KafkaProducer<>(config.transactionalProducer("maildigest-ingest-it", "maildigest-ingest-it"),
                    keys, new ByteArraySerializer())) {
                producer.initTransactions();
                // Two ranges, each with its checkpoint in the same transaction, as the ingester writes them.
                inTransaction(producer, List.of(
                        raw("m1"), raw("m2"),
                        checkpoint(checkpoints, "it", archive, commits.get(1), 2, 1)));
                inTransaction(producer, List.of(
                        raw("m3"),
                        checkpoint(checkpoints, "it", archive, commits.get(2), 3, 2)));
                // An aborted range takes offsets but is no record anyone reads.
                producer.beginTransaction();
                producer.send(raw("aborted"));
                producer.abortTransaction();
                // Three digests: the newest (by time) is in partition 0, after an older one there.
                inTransaction(producer, List.of(digest(0, "it/aaaa..bbbb", T0.plusSeconds(10), "First digest")));
                inTransaction(producer, List.of(digest(2, "it/bbbb..cccc", T0.plusSeconds(20), "Second digest")));
                inTransaction(producer, List.of(digest(0, "it/cccc..dddd", T0.plusSeconds(30), "Third digest\nbody")));
                // Aborted digests after it: the tail of partition 0 is aborted records and markers only.
                for (int i = 0; i < 10; i++) {
                    producer.beginTransaction();
                    producer.send(digest(0, "it/aborted-" + i, T0.plusSeconds(40 + i), "Aborted digest"));
                    producer.flush();
                    producer.abortTransaction();
                }
            }
            assertEquals(3, readAndCommit(config, "mail.raw"));

            PipelineStatus status = PipelineStatus.collect(config, stack.registry());

            assertEquals(3, status.topic("mail.raw").records());
            assertTrue(status.topic("mail.raw").exact());
            assertEquals(4, status.topic("mail.raw").partitions());
            assertTrue(status.topic("mail.raw").sizeBytes() > 0, "mail.raw takes room on disk");
            assertEquals(3, status.topic("mail.digests.text").records());
            assertEquals(2, status.topic("mail.ingest-checkpoints").records());
            assertEquals(0, status.topic("mail.dead-letters").records());

            GroupStatus group = status.group(GROUP);
            assertNotNull(group, "the reader's group is listed");
            assertEquals(0, group.lag());
            assertEquals(4, group.partitions().size(), "every partition of mail.raw");
            for (PartitionLag p : group.partitions()) {
                assertEquals(0, p.lag());
                if (p.end() > 0) {
                    assertEquals(p.end(), p.committed());
                }
            }

            ArchiveStatus a = status.archive("it");
            assertEquals(archive, a.archive());
            assertEquals(commits.get(2), a.commit());
            assertEquals(3, a.ordinal());
            assertEquals(3, a.published());
            assertEquals(2, a.ranges());
            assertEquals(2L, a.commitsBehind(), "the archive has two commits after the checkpoint");
            assertEquals(T0.plusSeconds(3), a.committedAt());

            LastDigest last = status.lastDigest();
            assertEquals("it/cccc..dddd", last.key());
            assertEquals(T0.plusSeconds(30), last.timestamp());
            assertEquals(0, last.partition());
            assertEquals("Third digest", last.title());

            // The command line: one JSON document with the same figures.
            StringWriter out = new StringWriter();
            int exit = Main.commandLine().setOut(new PrintWriter(out))
                    .execute("status", "--json", "--bootstrap-server", stack.bootstrapServers());
            assertEquals(0, exit);
            JsonNode json = new ObjectMapper().readTree(out.toString());
            JsonNode raw = null;
            for (JsonNode topic : json.path("topics")) {
                if (topic.path("name").asText().equals("mail.raw")) {
                    raw = topic;
                }
            }
            assertEquals(3, raw.path("records").asLong());
            assertEquals("it/cccc..dddd", json.path("lastDigest").path("key").asText());
            for (JsonNode g : json.path("groups")) {
                assertEquals(0, g.path("lag").asLong(), g.toString());
            }

            StringWriter text = new StringWriter();
            assertEquals(0, Main.commandLine().setOut(new PrintWriter(text))
                    .execute("status", "--bootstrap-server", stack.bootstrapServers()));
            assertTrue(text.toString().lines().anyMatch(l -> l.matches("mail\\.raw +4 +3 +.*B")), text.toString());
        }
    }

    private static ProducerRecord<String, byte[]> raw(String key) {
        return new ProducerRecord<>("mail.raw", key, ("Subject: " + key + "\n\nhello\n").getBytes(StandardCharsets.UTF_8));
    }

    private static ProducerRecord<String, byte[]> digest(int partition, String key, Instant at, String text) {
        return new ProducerRecord<>("mail.digests.text", partition, at.toEpochMilli(), key, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Keyed by archive name, as the ingester writes it. */
    private static ProducerRecord<String, byte[]> checkpoint(AvroSerde<IngestCheckpoint> serde, String name, String archive,
            String commit, long ordinal, long ranges) {
        IngestCheckpoint value = IngestCheckpoint.newBuilder()
                .setList(name).setArchive(archive).setEpoch(0).setCommit(commit).setOrdinal(ordinal)
                .setCommittedAt(T0.plusSeconds(ordinal)).setPublished(ordinal).setRanges(ranges)
                .setUpdatedAt(Instant.now()).build();
        return new ProducerRecord<>("mail.ingest-checkpoints", name, serde.serialize("mail.ingest-checkpoints", value));
    }

    private static void inTransaction(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records) {
        producer.beginTransaction();
        records.forEach(producer::send);
        producer.commitTransaction();
    }

    /** A stage's consumer: reads everything there is and commits where it stands. */
    private static int readAndCommit(PipelineConfig config, String topic) {
        int read = 0;
        try (var consumer = new KafkaConsumer<>(config.consumer(GROUP, GROUP), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (read < 3 && System.currentTimeMillis() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            read += consumer.poll(Duration.ofMillis(500)).count();
            consumer.commitSync();
        }
        return read;
    }
}
