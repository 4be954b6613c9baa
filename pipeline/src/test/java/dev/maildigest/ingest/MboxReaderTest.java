package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.avro.IngestCheckpoint;
import dev.maildigest.config.UserError;

class MboxReaderTest {

    @TempDir
    Path dir;

    private static final String FIRST = "From: Ann <ann@example.org>\nSubject: one\n\nHello.\n>From the start, quoted once.\n";
    private static final String SECOND = "From: Bob <bob@example.org>\nSubject: two\n\n"
            + "Hi,\nFrom now on this line is not a separator: no empty line before it.\n"
            + ">>From here, quoted twice in the file.\n\nlast paragraph\n";
    private static final String THIRD = "From: Cy <cy@example.org>\r\nSubject: three\r\n\r\nCRLF body\r\n";

    /** An mboxrd file as a writer would make it: From_ lines, quoted From lines, an empty line after each message. */
    private static final String MBOXRD = "From ann@example.org Thu Nov 26 10:00:00 2026\n"
            + "From: Ann <ann@example.org>\nSubject: one\n\nHello.\n>>From the start, quoted once.\n"
            + "\n"
            + "From bob@example.org Thu Nov 26 10:05:00 2026\n"
            + "From: Bob <bob@example.org>\nSubject: two\n\n"
            + "Hi,\nFrom now on this line is not a separator: no empty line before it.\n"
            + ">>>From here, quoted twice in the file.\n\nlast paragraph\n"
            + "\n"
            + "From cy@example.org Thu Nov 26 10:10:00 2026\r\n"
            + "From: Cy <cy@example.org>\r\nSubject: three\r\n\r\nCRLF body\r\n"
            + "\r\n";

    private static List<String> texts(List<ArchiveEntry> entries) throws IOException {
        List<String> texts = new ArrayList<>();
        for (ArchiveEntry e : entries) {
            texts.add(new String(e.content().load(Integer.MAX_VALUE).bytes(), StandardCharsets.UTF_8));
        }
        return texts;
    }

    @Test
    void mboxrdMessagesComeOutUnquotedWithOrdinalsAsCommits() throws IOException {
        Path file = dir.resolve("list.mbox");
        Files.writeString(file, MBOXRD);
        try (MboxReader reader = new MboxReader(file)) {
            Backlog backlog = reader.pending(null);
            assertFalse(backlog.rewritten());
            List<ArchiveEntry> entries = backlog.entries();
            assertEquals(List.of(FIRST, SECOND, THIRD), texts(entries));
            assertEquals(List.of("0000000001", "0000000002", "0000000003"), entries.stream().map(ArchiveEntry::commit).toList());
            assertEquals(List.of(1L, 2L, 3L), entries.stream().map(ArchiveEntry::ordinal).toList());
            assertEquals(Instant.parse("2026-11-26T10:05:00Z"), entries.get(1).committedAt());
        }
    }

    /** A writer that adds no empty line after a message lacking its final newline. */
    @Test
    void aMessageWithoutFinalNewlineDoesNotSwallowTheNext() throws IOException {
        Path file = dir.resolve("unterminated.mbox");
        Files.writeString(file, "From ann@example.org Thu Nov 26 10:00:00 2026\n"
                + "From: Ann <ann@example.org>\nSubject: one\n\nno newline at the end"
                + "\nFrom bob@example.org Thu Nov 26 10:05:00 2026\n"
                + "From: Bob <bob@example.org>\nSubject: two\n\nHi,\n"
                + "From the start of this line on, text: not a separator, it has no date.\n"
                + "\nFrom cy@example.org Thu Nov 26 10:10:00 2026\n"
                + "From: Cy <cy@example.org>\nSubject: three\n\nend\n");
        try (MboxReader reader = new MboxReader(file)) {
            assertEquals(List.of(
                    "From: Ann <ann@example.org>\nSubject: one\n\nno newline at the end\n",
                    "From: Bob <bob@example.org>\nSubject: two\n\nHi,\nFrom the start of this line on, text: not a separator, it has no date.\n",
                    "From: Cy <cy@example.org>\nSubject: three\n\nend\n"),
                    texts(reader.pending(null).entries()));
        }
    }

    @Test
    void gzippedMboxReadsTheSameAndResumesAfterTheCheckpoint() throws IOException {
        Path file = dir.resolve("list.mbox.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(MBOXRD.getBytes(StandardCharsets.UTF_8));
        }
        try (MboxReader reader = new MboxReader(file)) {
            List<ArchiveEntry> all = reader.pending(null).entries();
            assertEquals(List.of(FIRST, SECOND, THIRD), texts(all));
            ArchiveEntry.LoadedMessage first = all.get(0).content().load(Integer.MAX_VALUE);
            assertEquals(OrdinalArchive.blobId(FIRST.getBytes(StandardCharsets.UTF_8)), first.blob());
            IngestCheckpoint after1 = checkpoint(1, first.blob());
            Backlog rest = reader.pending(after1);
            assertFalse(rest.rewritten());
            assertEquals(List.of(SECOND, THIRD), texts(rest.entries()));
            assertEquals(2L, rest.entries().get(0).ordinal());
        }
    }

    @Test
    void mboxRewrittenInFrontIsResumedAfterTheSameMessage() throws IOException {
        Path file = dir.resolve("list.mbox");
        Files.writeString(file, MBOXRD);
        String secondBlob = OrdinalArchive.blobId(SECOND.getBytes(StandardCharsets.UTF_8));
        // The first message is removed from the file: the checkpoint's message is now the first one.
        Files.writeString(file, MBOXRD.substring(MBOXRD.indexOf("From bob@")));
        try (MboxReader reader = new MboxReader(file)) {
            Backlog backlog = reader.pending(checkpoint(2, secondBlob));
            assertTrue(backlog.rewritten());
            assertEquals(List.of(THIRD), texts(backlog.entries()));
        }
    }

    @Test
    void oversizeMessageIsSkippedAndTheNextOneStillRead() throws IOException {
        Path file = dir.resolve("list.mbox");
        Files.writeString(file, MBOXRD);
        try (MboxReader reader = new MboxReader(file)) {
            List<ArchiveEntry> entries = reader.pending(null).entries();
            ArchiveEntry.LoadedMessage big = entries.get(1).content().load(20);
            assertNull(big.bytes());
            assertTrue(big.size() > 20);
            assertEquals(THIRD, new String(entries.get(2).content().load(1000).bytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aFileThatIsNoMboxIsAUserError() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "Subject: not an mbox\n\nhello\n");
        try (MboxReader reader = new MboxReader(file)) {
            UserError e = assertThrows(UserError.class, () -> reader.pending(null));
            assertTrue(e.getMessage().contains("not an mbox file"), e.getMessage());
        }
    }

    @Test
    void maildirGivesNewAndCurInDeliveryOrder() throws IOException {
        Path maildir = dir.resolve("Maildir");
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("cur"));
        Files.createDirectories(maildir.resolve("tmp"));
        Files.writeString(maildir.resolve("cur/1780000002.M2P1.host:2,S"), SECOND);
        Files.writeString(maildir.resolve("new/1780000003.M3P1.host"), THIRD);
        Files.writeString(maildir.resolve("cur/1780000001.M1P1.host:2,RS"), FIRST);
        Files.writeString(maildir.resolve("tmp/1780000004.M4P1.host"), "being delivered");
        assertTrue(MaildirReader.isMaildir(maildir));
        try (MaildirReader reader = new MaildirReader(maildir)) {
            List<ArchiveEntry> entries = reader.pending(null).entries();
            assertEquals(List.of(FIRST, SECOND, THIRD), texts(entries));
            String firstBlob = OrdinalArchive.blobId(FIRST.getBytes(StandardCharsets.UTF_8));
            Files.writeString(maildir.resolve("new/1780000005.M5P1.host"), "Subject: four\n\nfour\n");
            List<ArchiveEntry> rest = reader.pending(checkpoint(1, firstBlob)).entries();
            assertEquals(List.of("0000000002", "0000000003", "0000000004"), rest.stream().map(ArchiveEntry::commit).toList());
        }
    }

    private static IngestCheckpoint checkpoint(long ordinal, String blob) {
        return new IngestCheckpoint("list", "src", 0, ArchiveEntry.paddedOrdinal(ordinal), blob, ordinal, null, ordinal, 0L, 1L, 0,
                Instant.now(), false);
    }
}
