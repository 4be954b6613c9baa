package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.RawMail;
import dev.maildigest.registry.AvroSerde;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.testing.TestStack;

/** The ingester numbers an archive's ranges in archive order, and goes on numbering after a restart. */
class RangeSequenceIT {
    @TempDir
    static Path kafkaDir;
    static TestStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        stack = TestStack.start(kafkaDir);
    }

    @AfterAll
    static void stopKafka() {
        stack.close();
    }

    private void ingestOnce(ArchiveSpec spec) {
        try (Ingester ingester = new Ingester(List.of(spec), new IngestOptions(10, 1 << 20, dir.resolve("mirrors")),
                stack.config(), stack.registry())) {
            ingester.ingestAvailable();
        }
    }

    /** The ranges of {@code list} on mail.raw, in archive order, each once. */
    private List<CommitRange> ranges(String list) {
        AvroSerde<RawMail> serde = AvroSerde.forValues(stack.registry(), RawMail.class);
        String topic = stack.config().topics().raw();
        Map<String, CommitRange> byFirst = Records.read(stack, topic, true).stream()
                .filter(r -> r.key().startsWith(list + ":"))
                .map(r -> serde.deserialize(topic, r.value()).getCoordinates())
                .sorted(Comparator.comparingLong(c -> c.getOrdinal()))
                .collect(Collectors.toMap(c -> c.getRange().getFirst(), c -> c.getRange(), (a, b) -> a, LinkedHashMap::new));
        return List.copyOf(byFirst.values());
    }

    @Test
    void rangesAreNumberedInArchiveOrderAndTheNextPassFollowsTheLastRange() throws IOException {
        Path inbox = dir.resolve("beta");
        try (InboxRepo repo = InboxRepo.create(inbox.resolve("git/0.git"))) {
            for (int n = 1; n <= 25; n++) {
                repo.add(InboxRepo.mail("beta", n));
            }
            ArchiveSpec spec = new ArchiveSpec("beta", inbox.toString(), "Beta", null);
            ingestOnce(spec);
            List<CommitRange> first = ranges("beta");
            assertEquals(List.of(1L, 2L, 3L), first.stream().map(CommitRange::getSequence).toList());
            assertEquals(List.of(0L, 1L, 2L), first.stream().map(CommitRange::getFollows).toList(),
                    "the archive's first range waits for nothing, each other one for the one before");
            var checkpoint = CheckpointStore.readAll(stack.config(), RecordSerdes.using(stack.registry())).get("beta");
            assertEquals(3L, checkpoint.getRanges());
            assertTrue(checkpoint.getSequenced());

            repo.add(InboxRepo.mail("beta", 26));
            repo.delete(InboxRepo.mail("beta", 2).getBytes(StandardCharsets.UTF_8));
            ingestOnce(spec); // a new process: numbering goes on from the checkpoint
            List<CommitRange> after = ranges("beta");
            assertEquals(4, after.size());
            assertEquals(4L, after.get(3).getSequence());
            assertEquals(3L, after.get(3).getFollows());
        }
    }
}
