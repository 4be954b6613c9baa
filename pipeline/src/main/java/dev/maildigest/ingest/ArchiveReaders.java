package dev.maildigest.ingest;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.maildigest.config.UserError;

/** Picks the reader for an archive's source (also used by {@code pipeline parse}). */
public final class ArchiveReaders {
    private ArchiveReaders() {
    }

    /** Fails with one line when a local archive is missing or is a file but not an mbox; reads only its start. */
    public static void check(ArchiveSpec spec) {
        if (spec.remote()) {
            return;
        }
        Path path = Path.of(spec.source());
        if (!Files.exists(path)) {
            throw new UserError("archive not found: " + spec.source());
        }
        if (Files.isRegularFile(path)) {
            MboxReader.requireMbox(path);
        }
    }

    public static ArchiveReader open(ArchiveSpec spec, IngestOptions options) {
        if (spec.remote()) {
            return new GitArchiveReader(new RemoteMirror(spec.name(), spec.source(), options.cacheDir().resolve(spec.name())));
        }
        Path path = Path.of(spec.source());
        if (Files.isRegularFile(path)) {
            return new MboxReader(path);
        }
        if (!Files.isDirectory(path)) {
            throw new UserError("archive not found: " + spec.source());
        }
        if (MaildirReader.isMaildir(path)) {
            return new MaildirReader(path);
        }
        return new GitArchiveReader(new LocalInbox(path));
    }
}
