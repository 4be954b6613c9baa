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

    @Override
    void close();
}
