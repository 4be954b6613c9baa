package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.avro.IngestCheckpoint;
import dev.maildigest.avro.RawMail;
import dev.maildigest.registry.AvroSerde;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.testing.TestStack;

/**
 * A new archive started from recent mail ({@code --last}, {@code --since}) against the server lore
 * runs, public-inbox-httpd, serving a generated two-epoch inbox: only the epochs that hold the
 * requested mail are fetched, shallow; exactly the requested mail is published; then the checkpoint
 * takes over.
 */
class StartingPointIT {
    private static final long DAY = 86_400;

    @TempDir
    static Path kafkaDir;
    static TestStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        Assumptions.assumeTrue(PublicInboxHttpd.installed(), PublicInboxHttpd.MISSING);
        stack = TestStack.start(kafkaDir);
    }

    @AfterAll
    static void stopKafka() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void lastNFetchesOnlyTheNewestEpochShallowPublishesExactlyNAndFollowingPicksUpNewMail() throws Exception {
        Path inbox = dir.resolve("inbox/newest");
        try (InboxRepo e0 = InboxRepo.create(inbox.resolve("git/0.git"));
             InboxRepo e1 = InboxRepo.create(inbox.resolve("git/1.git"), InboxRepo.START + 1000)) {
            for (int n = 1; n <= 30; n++) {
                e0.add(InboxRepo.mail("newest", n));
            }
            for (int n = 31; n <= 60; n++) {
                e1.add(InboxRepo.mail("newest", n));
            }
            try (PublicInboxHttpd http = new PublicInboxHttpd(inbox, "newest", dir.resolve("httpd"))) {
                ArchiveSpec spec = ArchiveSpec.of(http.url(), null, null);
                IngestOptions options = new IngestOptions(4, 1 << 20, dir.resolve("mirrors"), StartingPoint.last(10));
                ExecutorService background = Executors.newSingleThreadExecutor();
                try (Ingester ingester = new Ingester(List.of(spec), options, stack.config(), stack.registry())) {
                    IngestSummary first = ingester.ingestAvailable();
                    assertEquals(10, first.messages(), "exactly the last 10");
                    assertEquals(e1.commits.subList(20, 30), commits("newest"));
                    Path mirrors = dir.resolve("mirrors/newest/git");
                    assertTrue(LocalInbox.isRepository(mirrors.resolve("1.git")), "the newest epoch is mirrored");
                    assertFalse(Files.exists(mirrors.resolve("0.git")), "the older epoch is not fetched at all");
                    assertTrue(Files.size(mirrors.resolve("1.git/shallow")) > 0, "the newest epoch is fetched shallow");
                    assertEquals(10, messagesIn(mirrors.resolve("1.git")), "no message before the starting point was fetched");

                    // Following: two new messages upstream are published after the ten, nothing older.
                    Future<?> following = background.submit(() -> ingester.follow(Duration.ofMillis(300)));
                    e1.add(InboxRepo.mail("newest", 61));
                    e1.add(InboxRepo.mail("newest", 62));
                    awaitPublished("newest", 12);
                    ingester.close();
                    following.get();
                } finally {
                    background.shutdownNow();
                }
                assertEquals(e1.commits.subList(20, 32), commits("newest"), "the ten, then the new mail, each once");
                List<Long> ordinals = raw("newest").stream().map(m -> m.getCoordinates().getOrdinal()).toList();
                assertEquals(java.util.stream.LongStream.rangeClosed(1, 12).boxed().toList(), ordinals,
                        "ordinals count from the starting point");
                IngestCheckpoint checkpoint = checkpoint("newest");
                assertEquals(12, checkpoint.getPublished());
                assertEquals(12, checkpoint.getOrdinal());
                assertEquals(e1.commits.get(31), checkpoint.getCommit());
            }
        }
    }

    @Test
    void sinceADateStartsAtThatDaysFirstCommitEvenInAnOlderEpoch() throws Exception {
        long nov1 = LocalDate.of(2026, 11, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        Path inbox = dir.resolve("inbox/dated");
        try (InboxRepo e0 = InboxRepo.create(inbox.resolve("git/0.git"), nov1);
             InboxRepo e1 = InboxRepo.create(inbox.resolve("git/1.git"), nov1)) {
            // Epoch 0: two messages a day from November 1 to 10; epoch 1: two a day from November 11 to 15.
            for (int day = 0; day < 15; day++) {
                InboxRepo epoch = day < 10 ? e0 : e1;
                epoch.commitFrom(nov1 + day * DAY + 3600);
                epoch.add(InboxRepo.mail("dated", 2 * day + 1));
                epoch.add(InboxRepo.mail("dated", 2 * day + 2));
            }
            try (PublicInboxHttpd http = new PublicInboxHttpd(inbox, "dated", dir.resolve("httpd"))) {
                // November 9 is in epoch 0: its last two days, then all of epoch 1.
                StartingPoint since = StartingPoint.parseSince("2026-11-09", Instant.now());
                IngestOptions options = new IngestOptions(100, 1 << 20, dir.resolve("mirrors"), since);
                try (Ingester ingester = new Ingester(List.of(ArchiveSpec.of(http.url(), null, null)), options, stack.config(),
                        stack.registry())) {
                    assertEquals(14, ingester.ingestAvailable().messages(), "two days of epoch 0 and five of epoch 1");
                }
                List<String> expected = new ArrayList<>(e0.commits.subList(16, 20));
                expected.addAll(e1.commits);
                assertEquals(expected, commits("dated"));
                assertEquals(List.of(0, 0, 0, 0), raw("dated").stream().limit(4).map(m -> m.getCoordinates().getEpoch()).toList());
                Path epoch0 = dir.resolve("mirrors/dated/git/0.git");
                assertTrue(Files.size(epoch0.resolve("shallow")) > 0, "epoch 0 is fetched from November 9 only");
                assertEquals(4, messagesIn(epoch0), "no message before November 9 was fetched");
            }
        }
    }

    @Test
    void aRestartResumesFromTheCheckpointNotFromTheStartingPoint() throws Exception {
        Path inbox = dir.resolve("inbox/again");
        try (InboxRepo e0 = InboxRepo.create(inbox.resolve("git/0.git"))) {
            for (int n = 1; n <= 20; n++) {
                e0.add(InboxRepo.mail("again", n));
            }
            try (PublicInboxHttpd http = new PublicInboxHttpd(inbox, "again", dir.resolve("httpd"))) {
                ArchiveSpec spec = ArchiveSpec.of(http.url(), null, null);
                IngestOptions lastFive = new IngestOptions(100, 1 << 20, dir.resolve("mirrors"), StartingPoint.last(5));
                try (Ingester ingester = new Ingester(List.of(spec), lastFive, stack.config(), stack.registry())) {
                    assertEquals(5, ingester.ingestAvailable().messages());
                }
                for (int n = 21; n <= 23; n++) {
                    e0.add(InboxRepo.mail("again", n));
                }
                // Started again with another starting point, and one since a date before everything:
                // the checkpoint decides, so only the three new messages are published.
                IngestOptions sinceLongAgo = new IngestOptions(100, 1 << 20, dir.resolve("mirrors"),
                        StartingPoint.parseSince("2020-01-01", Instant.now()));
                try (Ingester ingester = new Ingester(List.of(spec), sinceLongAgo, stack.config(), stack.registry())) {
                    assertEquals(3, ingester.ingestAvailable().messages());
                }
                assertEquals(e0.commits.subList(15, 23), commits("again"));
                assertEquals(8, checkpoint("again").getPublished());
                assertEquals(8, checkpoint("again").getOrdinal());
            }
        }
    }

    @Test
    void sinceAfterTheNewestMailPublishesNothingUntilNewerMailComes() throws Exception {
        long june1 = LocalDate.of(2026, 6, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        Path inbox = dir.resolve("inbox/quiet");
        try (InboxRepo e0 = InboxRepo.create(inbox.resolve("git/0.git"), june1 - 10 * DAY)) {
            for (int n = 1; n <= 5; n++) {
                e0.add(InboxRepo.mail("quiet", n));
            }
            try (PublicInboxHttpd http = new PublicInboxHttpd(inbox, "quiet", dir.resolve("httpd"))) {
                ArchiveSpec spec = ArchiveSpec.of(http.url(), null, null);
                // git refuses a shallow fetch that selects no commit: the mirror takes the newest one, too old.
                IngestOptions options = new IngestOptions(100, 1 << 20, dir.resolve("mirrors"),
                        StartingPoint.parseSince("2026-06-01", Instant.now()));
                try (Ingester ingester = new Ingester(List.of(spec), options, stack.config(), stack.registry())) {
                    assertEquals(0, ingester.ingestAvailable().messages());
                    assertEquals(null, checkpoint("quiet"), "nothing published, no checkpoint: the next pass starts the same way");
                    e0.commitFrom(june1 + DAY);
                    e0.add(InboxRepo.mail("quiet", 6));
                    e0.add(InboxRepo.mail("quiet", 7));
                    assertEquals(2, ingester.ingestAvailable().messages());
                }
                assertEquals(e0.commits.subList(5, 7), commits("quiet"));
            }
        }
    }

    private List<RawMail> raw(String list) {
        AvroSerde<RawMail> serde = AvroSerde.forValues(stack.registry(), RawMail.class);
        String topic = stack.config().topics().raw();
        return Records.read(stack, topic, true).stream()
                .filter(r -> r.key().startsWith(list + ":"))
                .map(r -> serde.deserialize(topic, r.value()))
                .sorted(Comparator.comparingLong(m -> m.getCoordinates().getOrdinal()))
                .toList();
    }

    private List<String> commits(String list) {
        return raw(list).stream().map(m -> m.getCoordinates().getCommit()).toList();
    }

    private IngestCheckpoint checkpoint(String name) {
        return CheckpointStore.readAll(stack.config(), RecordSerdes.using(stack.registry())).get(name);
    }

    private void awaitPublished(String list, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (raw(list).size() < count) {
            if (System.nanoTime() > deadline) {
                assertEquals(count, raw(list).size(), "published");
            }
            Thread.sleep(300);
        }
    }

    /** Messages the mirror holds: commits it can walk to whose message blob it has. */
    private static long messagesIn(Path gitDir) throws Exception {
        try (var repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(gitDir.toFile()).build();
             var walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
            walk.markStart(walk.parseCommit(repo.resolve("HEAD")));
            long found = 0;
            for (var commit : walk) {
                try (var tree = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, "m", commit.getTree())) {
                    if (tree != null && repo.getObjectDatabase().has(tree.getObjectId(0))) {
                        found++;
                    }
                }
            }
            return found;
        }
    }
}
