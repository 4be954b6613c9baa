package dev.maildigest.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.maildigest.avro.IngestCheckpoint;

/**
 * A Maildir folder: the files of {@code new/} and {@code cur/} in delivery order. Maildir names start
 * with the delivery time, and keep their base name (before {@code :2,flags}) when a reader moves them
 * from new to cur, so sorting by base name gives a stable order that new mail extends.
 */
final class MaildirReader implements ArchiveReader {
    private final Path root;

    MaildirReader(Path root) {
        this.root = root;
    }

    static boolean isMaildir(Path dir) {
        return Files.isDirectory(dir.resolve("cur")) || Files.isDirectory(dir.resolve("new"));
    }

    @Override
    public Backlog pending(IngestCheckpoint checkpoint) throws IOException {
        List<OrdinalArchive.Message> messages = new ArrayList<>();
        for (Path file : files()) {
            java.time.Instant receivedAt = Files.getLastModifiedTime(file).toInstant();
            messages.add(new OrdinalArchive.Message(receivedAt, maxBytes -> read(file, maxBytes)));
        }
        return OrdinalArchive.after(checkpoint, messages);
    }

    List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String sub : List.of("new", "cur")) {
            Path dir = root.resolve(sub);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> list = Files.list(dir)) {
                    list.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).forEach(files::add);
                }
            }
        }
        files.sort(Comparator.comparing(MaildirReader::baseName).thenComparing(Path::toString));
        return files;
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int flags = name.indexOf(':');
        return flags < 0 ? name : name.substring(0, flags);
    }

    private static ArchiveEntry.LoadedMessage read(Path file, int maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            return ArchiveEntry.LoadedMessage.tooLarge(size, maxBytes, null);
        }
        byte[] bytes = Files.readAllBytes(file);
        return ArchiveEntry.LoadedMessage.of(bytes, OrdinalArchive.blobId(bytes));
    }

    @Override
    public void close() {
        // Files are opened per message.
    }
}
