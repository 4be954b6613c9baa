package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.avro.DeadLetter;
import dev.maildigest.avro.IngestCheckpoint;
import dev.maildigest.avro.RawMail;
import dev.maildigest.registry.AvroSerde;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.testing.TestStack;

/** The ingester against the real broker: ranges, exactly once across restarts, rewrites, oversize mail. */
class IngesterIT {

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

    private IngestOptions options(int maxRange, int maxMessageBytes) {
        return new IngestOptions(maxRange, maxMessageBytes, dir.resolve("mirrors"));
    }

    private IngestSummary ingestOnce(List<ArchiveSpec> specs, IngestOptions options) {
        try (Ingester ingester = new Ingester(specs, options, stack.config(), stack.registry())) {
            return ingester.ingestAvailable();
        }
    }

    private List<RawMail> raw(String list) {
        AvroSerde<RawMail> serde = AvroSerde.forValues(stack.registry(), RawMail.class);
        String topic = stack.config().topics().raw();
        return Records.read(stack, topic, true).stream()
                .filter(r -> r.key().startsWith(list + ":"))
                .map(r -> {
                    RawMail mail = serde.deserialize(topic, r.value());
                    assertEquals(list + ":" + mail.getCoordinates().getCommit(), r.key(), "key is list:commit");
                    return mail;
                })
                .sorted(Comparator.comparingLong(m -> m.getCoordinates().getOrdinal()))
                .toList();
    }

    private IngestCheckpoint checkpoint(String name) {
        return CheckpointStore.readAll(stack.config(), RecordSerdes.using(stack.registry())).get(name);
    }

    private static String text(RawMail mail) {
        ByteBuffer b = mail.getMessage().duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void everyMessageOnceInOrderWithItsRangeAndNothingTwiceAfterARestart() throws IOException {
        Path inbox = dir.resolve("alpha");
        try (InboxRepo e0 = InboxRepo.create(inbox.resolve("git/0.git"));
             InboxRepo e1 = InboxRepo.create(inbox.resolve("git/1.git"), InboxRepo.START + 1000)) {
            for (int n = 1; n <= 25; n++) {
                e0.add(InboxRepo.mail("alpha", n));
                if (n == 12) {
                    e0.delete(InboxRepo.mail("alpha", 3).getBytes(StandardCharsets.UTF_8));
                }
            }
            for (int n = 26; n <= 31; n++) {
                e1.add(InboxRepo.mail("alpha", n));
            }
            ArchiveSpec spec = new ArchiveSpec("alpha", inbox.toString(), "Alpha", null);
            IngestSummary first = ingestOnce(List.of(spec), options(10, 1 << 20));
            assertEquals(32, first.commits());
            assertEquals(31, first.messages());
            assertEquals(1, first.deletions());

            List<RawMail> mails = raw("alpha");
            assertEquals(31, mails.size(), "every message once");
            for (int n = 1; n <= 31; n++) {
                RawMail mail = mails.get(n - 1);
                assertEquals(InboxRepo.mail("alpha", n), text(mail), "message " + n + " unchanged and in order");
                assertEquals("Alpha", mail.getListName());
                assertEquals(inbox.toString(), mail.getCoordinates().getArchive());
                assertEquals(mail.getMessage().remaining(), mail.getSize());
                assertNull(mail.getRejected());
            }
            // Epoch 0 has 26 commits (25 messages, 1 deletion): ranges of 10, 10 and 6 commits; epoch 1 one range of 6.
            Map<String, List<RawMail>> byRange = mails.stream().collect(Collectors.groupingBy(
                    m -> m.getCoordinates().getRange().getFirst(), java.util.LinkedHashMap::new, Collectors.toList()));
            assertEquals(List.of(e0.commits.get(0), e0.commits.get(10), e0.commits.get(20), e1.commits.get(0)),
                    List.copyOf(byRange.keySet()));
            assertEquals(List.of(10, 9, 6, 6), byRange.values().stream().map(List::size).toList());
            for (List<RawMail> range : byRange.values()) {
                for (int i = 0; i < range.size(); i++) {
                    var c = range.get(i).getCoordinates();
                    assertEquals(i, c.getIndex(), "index in range");
                    assertEquals(range.size(), c.getRange().getSize(), "range size counts its records");
                    assertEquals(range.get(range.size() - 1).getCoordinates().getCommit(), c.getRange().getLast());
                }
            }
            assertEquals(10, byRange.get(e0.commits.get(10)).get(0).getCoordinates().getRange().getCommits(),
                    "the range with the deletion spans 10 commits for 9 records");
            assertEquals(List.of(0, 1), mails.stream().map(m -> m.getCoordinates().getEpoch()).distinct().toList());
            assertEquals(32L, mails.get(30).getCoordinates().getOrdinal(), "ordinals count over all epochs");

            IngestCheckpoint cp = checkpoint("alpha");
            assertEquals(e1.commits.get(5), cp.getCommit());
            assertEquals(1, cp.getEpoch());
            assertEquals(32L, cp.getOrdinal());
            assertEquals(31L, cp.getPublished());
            assertEquals(1L, cp.getDeletions());
            assertEquals(4L, cp.getRanges());

            // A restart publishes nothing twice; new commits upstream make one new range.
            assertEquals(0, ingestOnce(List.of(spec), options(10, 1 << 20)).messages());
            e1.add(InboxRepo.mail("alpha", 32));
            e1.add(InboxRepo.mail("alpha", 33));
            IngestSummary third = ingestOnce(List.of(spec), options(10, 1 << 20));
            assertEquals(2, third.messages());
            List<RawMail> after = raw("alpha");
            assertEquals(33, after.size());
            assertEquals(InboxRepo.mail("alpha", 33), text(after.get(32)));
            assertEquals(e1.commits.get(6), after.get(32).getCoordinates().getRange().getFirst());
            assertEquals(34L, checkpoint("alpha").getOrdinal());
        }
    }

    @Test
    void aBackfillCommitsConsecutiveRangesTogetherAndEveryCheckpointEndsARange() throws IOException {
        Path inbox = dir.resolve("grouped");
        int perRange = 20;
        int ranges = 12;
        List<Long> rangeBytes = new java.util.ArrayList<>();
        try (InboxRepo repo = InboxRepo.create(inbox.resolve("git/0.git"))) {
            // Incompressible mail of about 40 KB: 12 ranges of 20 hold more than one transaction's worth.
            java.util.Random random = new java.util.Random(7);
            for (int r = 0; r < ranges; r++) {
                long bytes = 0;
                for (int i = 1; i <= perRange; i++) {
                    byte[] noise = new byte[30 * 1024];
                    random.nextBytes(noise);
                    String mail = InboxRepo.mail("grouped", r * perRange + i) + java.util.Base64.getMimeEncoder().encodeToString(noise) + "\n";
                    repo.add(mail);
                    bytes += mail.getBytes(StandardCharsets.UTF_8).length;
                }
                rangeBytes.add(bytes);
            }
            ArchiveSpec spec = new ArchiveSpec("grouped", inbox.toString(), null, null);
            IngestSummary summary = ingestOnce(List.of(spec), options(perRange, 1 << 20));
            assertEquals(ranges * perRange, summary.messages());
            assertEquals(ranges, summary.ranges());

            // Ranges are sent into one transaction until it holds the target, then it commits with the
            // checkpoint after its last range.
            List<Long> expectedRangesAt = new java.util.ArrayList<>();
            long open = 0;
            for (int r = 0; r < ranges; r++) {
                open += rangeBytes.get(r);
                if (open >= IngestOptions.TRANSACTION_TARGET_BYTES || r == ranges - 1) {
                    expectedRangesAt.add((long) r + 1);
                    open = 0;
                }
            }
            assertTrue(expectedRangesAt.size() > 1 && expectedRangesAt.size() < ranges, "the fixture spans several transactions");
            AvroSerde<IngestCheckpoint> serde = AvroSerde.forValues(stack.registry(), IngestCheckpoint.class);
            String topic = stack.config().topics().checkpoints();
            List<IngestCheckpoint> checkpoints = Records.read(stack, topic, true).stream()
                    .filter(r -> r.key().equals("grouped"))
                    .map(r -> serde.deserialize(topic, r.value()))
                    .toList();
            assertEquals(expectedRangesAt, checkpoints.stream().map(IngestCheckpoint::getRanges).toList(),
                    "one checkpoint per transaction, each after a whole range");
            for (IngestCheckpoint cp : checkpoints) {
                assertEquals(cp.getRanges() * perRange, cp.getPublished());
                assertEquals(repo.commits.get((int) cp.getRanges() * perRange - 1), cp.getCommit(), "the checkpoint is the range's last commit");
            }

            Map<String, List<RawMail>> byRange = raw("grouped").stream().collect(Collectors.groupingBy(
                    m -> m.getCoordinates().getRange().getFirst(), java.util.LinkedHashMap::new, Collectors.toList()));
            assertEquals(ranges, byRange.size(), "a digest per range still");
            byRange.values().forEach(range -> assertEquals(perRange, range.size()));
        }
    }

    @Test
    void severalArchivesInOneProcessAndAnMboxAmongThem() throws IOException {
        Path inbox = dir.resolve("beta/git/0.git");
        try (InboxRepo repo = InboxRepo.create(inbox)) {
            repo.add(InboxRepo.mail("beta", 1));
            repo.add(InboxRepo.mail("beta", 2));
            Path mbox = dir.resolve("gamma.mbox");
            Files.writeString(mbox, "From a@example.org Thu Nov 26 10:00:00 2026\n" + InboxRepo.mail("gamma", 1)
                    + "\nFrom b@example.org Thu Nov 26 10:01:00 2026\n" + InboxRepo.mail("gamma", 2) + "\n");
            List<ArchiveSpec> specs = List.of(ArchiveSpec.of(inbox.toString(), null, null), ArchiveSpec.of(mbox.toString(), null, null));
            assertEquals(List.of("beta", "gamma"), specs.stream().map(ArchiveSpec::name).toList());
            assertEquals(4, ingestOnce(specs, options(100, 1 << 20)).messages());
            List<RawMail> gamma = raw("gamma");
            assertEquals(List.of(InboxRepo.mail("gamma", 1), InboxRepo.mail("gamma", 2)), gamma.stream().map(IngesterIT::text).toList());
            assertEquals(List.of("0000000001", "0000000002"), gamma.stream().map(m -> m.getCoordinates().getCommit()).toList());
            assertEquals("0000000002", gamma.get(0).getCoordinates().getRange().getLast());
            assertEquals(2, raw("beta").size());
            assertEquals(0, ingestOnce(specs, options(100, 1 << 20)).messages());
        }
    }

    @Test
    void patchOfSeveralMebibytesGoesThroughAndAnOversizeOneGoesToTheDeadLetters() throws IOException {
        Path inbox = dir.resolve("delta/git/0.git");
        try (InboxRepo repo = InboxRepo.create(inbox)) {
            repo.add(InboxRepo.mail("delta", 1));
            byte[] noise = new byte[6 * 1024 * 1024];
            new java.util.Random(7).nextBytes(noise);
            String patch = InboxRepo.mail("delta", 2) + java.util.Base64.getMimeEncoder().encodeToString(noise) + "\n";
            repo.add(patch);
            ArchiveSpec spec = ArchiveSpec.of(inbox.toString(), null, null);
            IngestSummary summary = ingestOnce(List.of(spec), IngestOptions.defaults(dir.resolve("mirrors")));
            assertEquals(0, summary.rejected(), "an 8 MiB patch mail fits the default limits");
            assertEquals(patch, text(raw("delta").get(1)));

            repo.add(InboxRepo.mail("delta", 3));
            String big = InboxRepo.mail("delta", 4) + "x".repeat(5000) + "\n";
            String bigCommit = repo.add(big);
            summary = ingestOnce(List.of(spec), options(100, 4096));
            assertEquals(2, summary.messages());
            assertEquals(1, summary.rejected());
            List<RawMail> mails = raw("delta");
            assertEquals(4, mails.size(), "the range still completes");
            assertEquals(InboxRepo.mail("delta", 3), text(mails.get(2)));
            RawMail rejected = mails.get(3);
            assertNull(rejected.getMessage());
            assertEquals(big.length(), rejected.getSize());
            assertTrue(rejected.getRejected().contains("over the limit of 4096 bytes"), rejected.getRejected());
            assertEquals(2, rejected.getCoordinates().getRange().getSize());

            AvroSerde<DeadLetter> serde = AvroSerde.forValues(stack.registry(), DeadLetter.class);
            String topic = stack.config().topics().deadLetters();
            List<DeadLetter> dead = Records.read(stack, topic, true).stream()
                    .filter(r -> r.key().equals("delta:" + bigCommit))
                    .map(r -> serde.deserialize(topic, r.value())).toList();
            assertEquals(1, dead.size());
            assertEquals("ingest", dead.get(0).getStage());
            assertEquals(rejected.getRejected(), dead.get(0).getReason());
            assertEquals(bigCommit, dead.get(0).getCoordinates().getCommit());
            assertEquals(big.length(), dead.get(0).getSize());
            assertNull(dead.get(0).getOriginal());
        }
    }

    @Test
    void rewrittenHistoryIsCountedAndNothingIsPublishedTwice() throws IOException {
        Path inbox = dir.resolve("eps/git/0.git");
        try (InboxRepo repo = InboxRepo.create(inbox)) {
            for (int n = 1; n <= 6; n++) {
                repo.add(InboxRepo.mail("eps", n));
            }
            ArchiveSpec spec = ArchiveSpec.of(inbox.toString(), null, null);
            assertEquals(6, ingestOnce(List.of(spec), options(100, 1 << 20)).messages());
            repo.purge(2); // message 3 purged upstream: messages 4 to 6 get new commit ids
            assertEquals(0, ingestOnce(List.of(spec), options(100, 1 << 20)).messages());
            IngestCheckpoint moved = checkpoint("eps");
            assertEquals(1, moved.getRewrites());
            assertEquals(repo.commits.get(4), moved.getCommit(), "the checkpoint moved onto the new history");
            repo.add(InboxRepo.mail("eps", 7));
            IngestSummary next = ingestOnce(List.of(spec), options(100, 1 << 20));
            assertEquals(1, next.messages());
            assertEquals(0, next.rewrites(), "reported once");
            List<RawMail> mails = raw("eps");
            assertEquals(7, mails.size());
            assertEquals(InboxRepo.mail("eps", 7), text(mails.get(6)));
            Map<String, Integer> times = new HashMap<>();
            mails.forEach(m -> times.merge(text(m), 1, Integer::sum));
            assertTrue(times.values().stream().allMatch(t -> t == 1), "no message twice");
        }
    }
}
