package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.avro.IngestCheckpoint;
import dev.maildigest.avro.RawMail;
import dev.maildigest.config.UserError;
import dev.maildigest.registry.AvroSerde;
import dev.maildigest.testing.TestStack;

/** A public-inbox served over smart HTTP by git itself: epochs discovered, mirrored, followed. */
class RemoteArchiveIT {

    @TempDir
    Path dir;

    @Test
    void followsARemoteArchiveAcrossNewCommitsANewEpochAndAnOutage() throws Exception {
        Path served = dir.resolve("served");
        try (TestStack stack = TestStack.start(dir.resolve("kafka"));
             GitHttpServer http = new GitHttpServer(served);
             InboxRepo e0 = InboxRepo.create(served.resolve("far/0.git"))) {
            for (int n = 1; n <= 3; n++) {
                e0.add(InboxRepo.mail("far", n));
            }
            ArchiveSpec spec = ArchiveSpec.of(http.url("far"), null, "Far");
            assertEquals("far", spec.name());
            IngestOptions options = new IngestOptions(100, 1 << 20, dir.resolve("mirrors"));
            ExecutorService background = Executors.newSingleThreadExecutor();
            try (Ingester ingester = new Ingester(List.of(spec), options, stack.config(), stack.registry())) {
                Future<?> following = background.submit(() -> ingester.follow(Duration.ofMillis(300)));
                awaitCommits(stack, Set.copyOf(e0.commits));
                assertTrue(LocalInbox.isRepository(dir.resolve("mirrors/far/git/0.git")), "mirrored into the cache");

                // New commits, then a new epoch upstream: both are picked up at the next polls.
                e0.add(InboxRepo.mail("far", 4));
                try (InboxRepo e1 = InboxRepo.create(served.resolve("far/1.git"), InboxRepo.START + 100)) {
                    e1.add(InboxRepo.mail("far", 5));
                    Set<String> all = new TreeSet<>(e0.commits);
                    all.addAll(e1.commits);
                    awaitCommits(stack, all);

                    // The server goes down for a while: the ingester waits and retries, then goes on.
                    http.down(true);
                    e1.add(InboxRepo.mail("far", 6));
                    Thread.sleep(1500);
                    assertTrue(!following.isDone(), "a network failure does not end following");
                    http.down(false);
                    all.add(e1.commits.get(1));
                    awaitCommits(stack, all);
                }
                ingester.close();
                following.get();
            } finally {
                background.shutdownNow();
            }
            List<RawMail> mails = mails(stack);
            assertEquals(6, mails.size(), "each commit once");
            RawMail last = mails.stream().filter(m -> m.getCoordinates().getEpoch() == 1).reduce((a, b) -> b).orElseThrow();
            assertEquals(http.url("far"), last.getArchiveUrl());
            assertEquals(http.url("far"), last.getCoordinates().getArchive());
            assertEquals("Far", last.getListName());
            assertEquals(6L, last.getCoordinates().getOrdinal());
        }
    }

    @Test
    void anEpochFilledUpWhileAPollRunsLosesNoCommit() throws Exception {
        Path served = dir.resolve("served");
        try (GitHttpServer http = new GitHttpServer(served);
             InboxRepo e0 = InboxRepo.create(served.resolve("far/0.git"));
             GitArchiveReader reader = new GitArchiveReader(new RemoteMirror("far", http.url("far"), dir.resolve("cache")))) {
            for (int n = 1; n <= 3; n++) {
                e0.add(InboxRepo.mail("far", n));
            }
            List<ArchiveEntry> first = reader.pending(null).entries();
            assertEquals(3, first.size());

            // While the next poll asks whether epoch 1 exists, public-inbox writes epoch 0's last
            // message and starts epoch 1 with the next one.
            List<String> late = new ArrayList<>();
            AtomicBoolean armed = new AtomicBoolean(true);
            http.beforeEachRequest(path -> {
                if (path.startsWith("/far/1/") && armed.getAndSet(false)) {
                    try (InboxRepo e1 = InboxRepo.create(served.resolve("far/1.git"), InboxRepo.START + 100)) {
                        late.add(e0.add(InboxRepo.mail("far", 4)));
                        late.add(e1.add(InboxRepo.mail("far", 5)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            ArchiveEntry last = first.get(2);
            IngestCheckpoint checkpoint = new IngestCheckpoint("far", http.url("far"), last.epoch(), last.commit(), last.blob(),
                    last.ordinal(), last.committedAt(), 0L, 0L, 0L, 0, Instant.now(), false);
            List<ArchiveEntry> next = reader.pending(checkpoint).entries();

            assertEquals(late, next.stream().map(ArchiveEntry::commit).toList(), "epoch 0's last commit, then epoch 1's first");
            assertEquals(List.of(0, 1), next.stream().map(ArchiveEntry::epoch).toList());
            assertEquals(List.of(4L, 5L), next.stream().map(ArchiveEntry::ordinal).toList());
        }
    }

    @Test
    void aUrlWithoutAnArchiveIsAUserError() throws Exception {
        try (GitHttpServer http = new GitHttpServer(Files.createDirectories(dir.resolve("served")));
             GitArchiveReader reader = new GitArchiveReader(new RemoteMirror("none", http.url("none"), dir.resolve("cache")))) {
            UserError e = assertThrows(UserError.class, () -> reader.pending(null));
            assertTrue(e.getMessage().contains("no public-inbox archive at " + http.url("none")), e.getMessage());
        }
    }

    @Test
    void oneEpochUrlMirrorsOnlyThatEpoch() throws Exception {
        Path served = dir.resolve("served");
        try (GitHttpServer http = new GitHttpServer(served);
             InboxRepo e0 = InboxRepo.create(served.resolve("far/0.git"));
             InboxRepo e1 = InboxRepo.create(served.resolve("far/1.git"))) {
            e0.add(InboxRepo.mail("far", 1));
            String only = e1.add(InboxRepo.mail("far", 2));
            try (GitArchiveReader reader = new GitArchiveReader(new RemoteMirror("far", http.url("far/1"), dir.resolve("cache")))) {
                List<ArchiveEntry> entries = reader.pending(null).entries();
                assertEquals(List.of(only), entries.stream().map(ArchiveEntry::commit).toList());
                assertEquals(1, entries.get(0).epoch());
            }
        }
    }

    @Test
    void aListUrlThatIsItselfARepositoryIsAV1Inbox() throws Exception {
        Path served = dir.resolve("served");
        try (GitHttpServer http = new GitHttpServer(served);
             InboxRepo v1 = InboxRepo.create(served.resolve("old.git"))) {
            String only = v1.add(InboxRepo.mail("old", 1));
            try (GitArchiveReader reader = new GitArchiveReader(new RemoteMirror("old", http.url("old"), dir.resolve("cache")))) {
                List<ArchiveEntry> entries = reader.pending(null).entries();
                assertEquals(List.of(only), entries.stream().map(ArchiveEntry::commit).toList());
                assertEquals(InboxRepo.mail("old", 1), new String(entries.get(0).content().load(1000).bytes(),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    private static List<RawMail> mails(TestStack stack) {
        String topic = stack.config().topics().raw();
        AvroSerde<RawMail> serde = AvroSerde.forValues(stack.registry(), RawMail.class);
        return Records.read(stack, topic, true).stream().map(r -> serde.deserialize(topic, r.value()))
                .sorted(java.util.Comparator.comparingLong(m -> m.getCoordinates().getOrdinal())).toList();
    }

    private static void awaitCommits(TestStack stack, Set<String> expected) throws InterruptedException {
        Supplier<Set<String>> published = () -> new TreeSet<>(mails(stack).stream().map(m -> m.getCoordinates().getCommit()).toList());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!published.get().equals(expected)) {
            if (System.nanoTime() > deadline) {
                assertEquals(expected, published.get(), "published commits");
            }
            Thread.sleep(200);
        }
    }
}
