package dev.maildigest.ingest;

import java.io.IOException;

import dev.maildigest.avro.IngestCheckpoint;

/** Reads one archive: which commits follow a checkpoint, and their messages. */
public interface ArchiveReader extends AutoCloseable {

    /**
     * The commits after {@code checkpoint} (all of them when it is null), oldest first, with ordinals
     * continuing the checkpoint's. Remote readers fetch first.
     *
     * @throws ArchiveUnavailableException when the archive cannot be reached now (worth retrying)
     */
    Backlog pending(IngestCheckpoint checkpoint) throws IOException;

    /**
     * The commits of an archive without a checkpoint from {@code start} on, oldest first. This
     * reader reads them all and drops the older ones, keeping their ordinals: for mbox and Maildir,
     * the ordinal is the message's place in the file, from which the next pass resumes.
     */
    default Backlog pendingFrom(StartingPoint start) throws IOException {
        java.util.List<ArchiveEntry> all = pending(null).entries();
        int from = start.indexIn(all.stream().map(ArchiveEntry::committedAt).toList());
        return Backlog.of(java.util.List.copyOf(all.subList(from, all.size())));
    }

    @Override
    void close();
}
