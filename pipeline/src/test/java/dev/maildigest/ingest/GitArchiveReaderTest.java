package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.avro.IngestCheckpoint;
import dev.maildigest.config.UserError;

class GitArchiveReaderTest {

    @TempDir
    Path dir;

    private static String text(ArchiveEntry e) throws IOException {
        return new String(e.content().load(Integer.MAX_VALUE).bytes(), StandardCharsets.UTF_8);
    }

    private static IngestCheckpoint checkpointAt(ArchiveEntry e) {
        return new IngestCheckpoint("kvm", "src", e.epoch(), e.commit(), e.blob(), e.ordinal(), e.committedAt(), 0L, 0L, 0L, 0,
                Instant.now(), false);
    }

    @Test
    void v2InboxGivesEveryEpochInOrderWithDeletionsMarked() throws IOException {
        Path inbox = dir.resolve("kvm");
        try (InboxRepo e0 = InboxRepo.create(inbox.resolve("git/0.git"));
             InboxRepo e1 = InboxRepo.create(inbox.resolve("git/1.git"), InboxRepo.START + 100)) {
            e0.add(InboxRepo.mail("kvm", 1));
            e0.add(InboxRepo.mail("kvm", 2));
            e0.delete(InboxRepo.mail("kvm", 1).getBytes(StandardCharsets.UTF_8));
            e1.add(InboxRepo.mail("kvm", 3));
            try (GitArchiveReader reader = new GitArchiveReader(new LocalInbox(inbox))) {
                Backlog backlog = reader.pending(null);
                List<ArchiveEntry> entries = backlog.entries();
                assertFalse(backlog.rewritten());
                assertEquals(List.of(0, 0, 0, 1), entries.stream().map(ArchiveEntry::epoch).toList());
                assertEquals(List.of(1L, 2L, 3L, 4L), entries.stream().map(ArchiveEntry::ordinal).toList());
                assertEquals(List.of(e0.commits.get(0), e0.commits.get(1), e0.commits.get(2), e1.commits.get(0)),
                        entries.stream().map(ArchiveEntry::commit).toList());
                assertEquals(List.of(false, false, true, false), entries.stream().map(ArchiveEntry::deletion).toList());
                assertEquals(InboxRepo.mail("kvm", 2), text(entries.get(1)));
                assertEquals(InboxRepo.mail("kvm", 3), text(entries.get(3)));
                assertEquals(Instant.ofEpochSecond(InboxRepo.START + 1), entries.get(1).committedAt());

                // Resuming after the second commit gives the rest, ordinals continuing.
                List<ArchiveEntry> rest = reader.pending(checkpointAt(entries.get(1))).entries();
                assertEquals(List.of(e0.commits.get(2), e1.commits.get(0)), rest.stream().map(ArchiveEntry::commit).toList());
                assertEquals(List.of(3L, 4L), rest.stream().map(ArchiveEntry::ordinal).toList());

                // At the end: nothing; a new commit upstream is found at the next poll.
                assertTrue(reader.pending(checkpointAt(entries.get(3))).entries().isEmpty());
                String added = e1.add(InboxRepo.mail("kvm", 4));
                List<ArchiveEntry> next = reader.pending(checkpointAt(entries.get(3))).entries();
                assertEquals(List.of(added), next.stream().map(ArchiveEntry::commit).toList());
                assertEquals(5L, next.get(0).ordinal());
            }
        }
    }

    @Test
    void newEpochAppearingLaterIsPickedUp() throws IOException {
        Path inbox = dir.resolve("kvm");
        try (InboxRepo e0 = InboxRepo.create(inbox.resolve("git/0.git"))) {
            e0.add(InboxRepo.mail("kvm", 1));
            try (GitArchiveReader reader = new GitArchiveReader(new LocalInbox(inbox))) {
                ArchiveEntry first = reader.pending(null).entries().get(0);
                try (InboxRepo e1 = InboxRepo.create(inbox.resolve("git/1.git"), InboxRepo.START + 50)) {
                    e1.add(InboxRepo.mail("kvm", 2));
                    List<ArchiveEntry> next = reader.pending(checkpointAt(first)).entries();
                    assertEquals(1, next.size());
                    assertEquals(1, next.get(0).epoch());
                    assertEquals(InboxRepo.mail("kvm", 2), text(next.get(0)));
                }
            }
        }
    }

    @Test
    void singleEpochRepositoryTakesItsNumberFromItsName() throws IOException {
        Path epoch = dir.resolve("kvm/git/3.git");
        try (InboxRepo e3 = InboxRepo.create(epoch)) {
            e3.add(InboxRepo.mail("kvm", 1));
            try (GitArchiveReader reader = new GitArchiveReader(new LocalInbox(epoch))) {
                List<ArchiveEntry> entries = reader.pending(null).entries();
                assertEquals(1, entries.size());
                assertEquals(3, entries.get(0).epoch());
            }
        }
    }

    @Test
    void v1InboxReadsTheFileEachCommitAddsOrRemoves() throws IOException {
        Path v1 = dir.resolve("old.git");
        try (InboxRepo repo = InboxRepo.create(v1); ObjectInserter ins = repo.repository().newObjectInserter()) {
            byte[] a = InboxRepo.mail("old", 1).getBytes(StandardCharsets.UTF_8);
            byte[] b = InboxRepo.mail("old", 2).getBytes(StandardCharsets.UTF_8);
            // v1 layout: files named after the Message-ID hash, in two-character folders.
            var blobA = ins.insert(Constants.OBJ_BLOB, a);
            var blobB = ins.insert(Constants.OBJ_BLOB, b);
            String c1 = repo.commitTree(ins, tree(ins, "1a", "aaaa", blobA, null, null));
            String c2 = repo.commitTree(ins, tree(ins, "1a", "aaaa", blobA, "2b", blobB));
            String c3 = repo.commitTree(ins, tree(ins, "2b", "bbbb", blobB, null, null));
            try (GitArchiveReader reader = new GitArchiveReader(new LocalInbox(v1))) {
                List<ArchiveEntry> entries = reader.pending(null).entries();
                assertEquals(List.of(c1, c2, c3), entries.stream().map(ArchiveEntry::commit).toList());
                assertEquals(List.of(false, false, true), entries.stream().map(ArchiveEntry::deletion).toList());
                assertArrayEquals(a, entries.get(0).content().load(1000).bytes());
                assertArrayEquals(b, entries.get(1).content().load(1000).bytes());
                assertEquals(blobA.name(), entries.get(2).blob(), "the deletion names the removed message");
                assertEquals(0, entries.get(0).epoch());
            }
        }
    }

    /** A v1 tree: {@code dir/file} for the first message, optionally {@code dir2/bbbb} for a second. */
    private static org.eclipse.jgit.lib.ObjectId tree(ObjectInserter ins, String dir1, String file, org.eclipse.jgit.lib.ObjectId blob1,
                                                      String dir2, org.eclipse.jgit.lib.ObjectId blob2) throws IOException {
        TreeFormatter root = new TreeFormatter();
        TreeFormatter sub1 = new TreeFormatter();
        sub1.append(file, FileMode.REGULAR_FILE, blob1);
        root.append(dir1, FileMode.TREE, ins.insert(sub1));
        if (dir2 != null) {
            TreeFormatter sub2 = new TreeFormatter();
            sub2.append("bbbb", FileMode.REGULAR_FILE, blob2);
            root.append(dir2, FileMode.TREE, ins.insert(sub2));
        }
        return ins.insert(root);
    }

    @Test
    void rewrittenHistoryIsReportedAndResumedAfterTheSameMessage() throws IOException {
        Path epoch = dir.resolve("kvm/git/0.git");
        try (InboxRepo repo = InboxRepo.create(epoch)) {
            for (int n = 1; n <= 5; n++) {
                repo.add(InboxRepo.mail("kvm", n));
            }
            try (GitArchiveReader reader = new GitArchiveReader(new LocalInbox(epoch))) {
                ArchiveEntry third = reader.pending(null).entries().get(2);
                repo.purge(1); // message 2 is purged: messages 3, 4 and 5 get new commits
                repo.add(InboxRepo.mail("kvm", 6));
                Backlog backlog = reader.pending(checkpointAt(third));
                assertTrue(backlog.rewritten());
                assertEquals(repo.commits.get(1), backlog.anchor().commit(), "message 3 sits at the second commit now");
                assertEquals(List.of(InboxRepo.mail("kvm", 4), InboxRepo.mail("kvm", 5), InboxRepo.mail("kvm", 6)),
                        backlog.entries().stream().map(e -> {
                            try {
                                return text(e);
                            } catch (IOException x) {
                                throw new java.io.UncheckedIOException(x);
                            }
                        }).toList());
                assertEquals(4L, backlog.entries().get(0).ordinal(), "ordinals count on from the checkpoint");
            }
        }
    }

    @Test
    void rewrittenHistoryWithoutTheBlobIsPlacedByCommitTime() throws IOException {
        Path epoch = dir.resolve("kvm/git/0.git");
        try (InboxRepo repo = InboxRepo.create(epoch)) {
            for (int n = 1; n <= 4; n++) {
                repo.add(InboxRepo.mail("kvm", n));
            }
            try (GitArchiveReader reader = new GitArchiveReader(new LocalInbox(epoch))) {
                ArchiveEntry third = reader.pending(null).entries().get(2);
                repo.purge(2); // the checkpoint's own message is purged
                Backlog backlog = reader.pending(checkpointAt(third));
                assertTrue(backlog.rewritten());
                assertEquals(List.of(repo.commits.get(2)), backlog.entries().stream().map(ArchiveEntry::commit).toList());
                assertEquals(InboxRepo.mail("kvm", 4), text(backlog.entries().get(0)));
            }
        }
    }

    @Test
    void oversizeMessageIsNotRead() throws IOException {
        Path epoch = dir.resolve("kvm/git/0.git");
        try (InboxRepo repo = InboxRepo.create(epoch)) {
            repo.add(InboxRepo.mail("kvm", 1));
            try (GitArchiveReader reader = new GitArchiveReader(new LocalInbox(epoch))) {
                ArchiveEntry.LoadedMessage m = reader.pending(null).entries().get(0).content().load(10);
                assertNull(m.bytes());
                assertEquals(InboxRepo.mail("kvm", 1).length(), m.size());
                assertTrue(m.rejected().contains("over the limit of 10 bytes"), m.rejected());
            }
        }
    }

    @Test
    void aFolderThatIsNoArchiveIsAUserError() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        UserError e = assertThrows(UserError.class, () -> new LocalInbox(dir.resolve("empty")).epochs());
        assertTrue(e.getMessage().contains("not an archive"), e.getMessage());
    }
}
