package dev.maildigest.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import dev.maildigest.avro.IngestCheckpoint;
import dev.maildigest.config.UserError;

/**
 * An mbox file, plain or gzipped (told by its magic bytes). A message starts after a {@code From }
 * line at the start of the file or after an empty line; the empty line before the next one belongs
 * to the format. A message written without a final newline has no empty line after it, so a
 * {@code From } line right after text also starts one when it is a full separator (sender and
 * date): otherwise such a message would swallow the next. Quoted {@code >From } lines are unquoted once, as mboxrd writers (lore's
 * {@code t.mbox.gz}, public-inbox, mutt with mboxrd) and mboxo readers both expect. mime4j's mbox
 * iterator maps the whole file, so it can read neither gzip nor files larger than memory.
 */
final class MboxReader implements ArchiveReader {
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    private final Path file;
    private Cursor cursor;

    MboxReader(Path file) {
        this.file = file;
    }

    /** Where a message lies in the (decompressed) file, From line excluded. */
    record Span(long offset, long length, java.time.Instant receivedAt) {
    }

    @Override
    public Backlog pending(IngestCheckpoint checkpoint) throws IOException {
        List<OrdinalArchive.Message> messages = new ArrayList<>();
        for (Span span : scan()) {
            messages.add(new OrdinalArchive.Message(span.receivedAt(), maxBytes -> read(span, maxBytes)));
        }
        return OrdinalArchive.after(checkpoint, messages);
    }

    List<Span> scan() throws IOException {
        List<Span> spans = new ArrayList<>();
        try (InputStream in = open()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            long position = 0;
            long start = -1;
            java.time.Instant receivedAt = null;
            int blankBefore = -1; // length of the empty line just read, -1 when the last line was not empty
            boolean atStart = true;
            while (readLine(in, line)) {
                byte[] bytes = line.toByteArray();
                if (startsWith(bytes, 0, "From ") && (atStart || blankBefore >= 0 || fromLineTime(bytes) != null)) {
                    if (start >= 0) {
                        spans.add(new Span(start, position - Math.max(blankBefore, 0) - start, receivedAt));
                    }
                    start = position + bytes.length;
                    receivedAt = fromLineTime(bytes);
                }
                atStart = false;
                blankBefore = isEmptyLine(bytes) ? bytes.length : -1;
                position += bytes.length;
            }
            if (start >= 0) {
                spans.add(new Span(start, position - Math.max(blankBefore, 0) - start, receivedAt));
            } else if (position > 0) {
                throw new UserError("not an mbox file: " + file + " does not start with a 'From ' line");
            }
        }
        return spans;
    }

    private ArchiveEntry.LoadedMessage read(Span span, int maxBytes) throws IOException {
        if (cursor == null || cursor.position > span.offset()) {
            closeCursor();
            cursor = new Cursor(open());
        }
        cursor.skipTo(span.offset());
        if (span.length() > maxBytes) {
            return ArchiveEntry.LoadedMessage.tooLarge(span.length(), maxBytes, null);
        }
        byte[] bytes = unquote(cursor.read((int) span.length()));
        return ArchiveEntry.LoadedMessage.of(bytes, OrdinalArchive.blobId(bytes));
    }

    /** Removes one {@code >} from lines that are {@code >From }, {@code >>From }... */
    static byte[] unquote(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        int lineStart = 0;
        while (lineStart < raw.length) {
            int i = lineStart;
            while (i < raw.length && raw[i] == '>') {
                i++;
            }
            boolean quoted = i > lineStart && startsWith(raw, i, "From ");
            int end = lineStart;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            end = Math.min(end + 1, raw.length);
            int from = quoted ? lineStart + 1 : lineStart;
            out.write(raw, from, end - from);
            lineStart = end;
        }
        return out.toByteArray();
    }

    /** The check {@link #scan()} makes, on the first line only: cheap enough to run before anything starts. */
    static void requireMbox(Path file) {
        try (InputStream in = new MboxReader(file).open()) {
            byte[] start = in.readNBytes(5);
            if (start.length > 0 && !startsWith(start, 0, "From ")) {
                throw new UserError("not an mbox file: " + file + " does not start with a 'From ' line");
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private InputStream open() throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                return true;
            }
        }
        return line.size() > 0;
    }

    private static boolean isEmptyLine(byte[] line) {
        return (line.length == 1 && line[0] == '\n') || (line.length == 2 && line[0] == '\r' && line[1] == '\n');
    }

    private static boolean startsWith(byte[] bytes, int offset, String prefix) {
        if (bytes.length - offset < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code From sender Thu Nov 27 10:00:00 2026}: the time the message was stored, when readable. */
    private static java.time.Instant fromLineTime(byte[] line) {
        String[] words = new String(line, StandardCharsets.US_ASCII).trim().split("\\s+");
        if (words.length < 7) {
            return null;
        }
        String asctime = String.join(" ", List.of(words).subList(words.length - 5, words.length));
        try {
            return LocalDateTime.parse(asctime, ASCTIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Reads forward through the file; ranges are published in file order, so one pass serves them all. */
    private static final class Cursor implements AutoCloseable {
        private final InputStream in;
        private long position;

        Cursor(InputStream in) {
            this.in = in;
        }

        void skipTo(long offset) throws IOException {
            in.skipNBytes(offset - position);
            position = offset;
        }

        byte[] read(int length) throws IOException {
            byte[] bytes = in.readNBytes(length);
            position += bytes.length;
            return bytes;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private void closeCursor() {
        if (cursor != null) {
            try {
                cursor.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cursor = null;
        }
    }

    @Override
    public void close() {
        closeCursor();
    }
}
