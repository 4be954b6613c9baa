package dev.maildigest.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

import dev.maildigest.avro.IngestCheckpoint;

/**
 * Mbox files and Maildir folders have no commits: the message's position plays the commit's role.
 * The checkpoint's blob (the git blob id of the last message) tells whether the file was rewritten.
 */
final class OrdinalArchive {

    /** A message found in the file or folder, read when its range is published. */
    record Message(java.time.Instant receivedAt, ArchiveEntry.MessageContent content) {
    }

    private OrdinalArchive() {
    }

    /** Git's id of a blob with these bytes: the same for a message in an mbox and in a public-inbox. */
    static String blobId(byte[] bytes) {
        return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, bytes).name();
    }

    static Backlog after(IngestCheckpoint checkpoint, List<Message> messages) throws IOException {
        int start = 0;
        boolean rewritten = false;
        ArchiveEntry anchor = null;
        if (checkpoint != null) {
            int last = (int) Math.min(checkpoint.getOrdinal(), Integer.MAX_VALUE);
            start = Math.min(last, messages.size());
            if (checkpoint.getBlob() != null && !checkpoint.getBlob().equals(blobAt(messages, last))) {
                rewritten = true;
                int found = -1;
                for (int i = messages.size(); i >= 1 && found < 0; i--) {
                    found = checkpoint.getBlob().equals(blobAt(messages, i)) ? i : -1;
                }
                // Not found: keep the count, so that nothing already published is published again.
                start = found >= 0 ? found : start;
                if (start > 0) {
                    ArchiveEntry at = entry(messages, start);
                    anchor = new ArchiveEntry(at.epoch(), at.commit(), at.ordinal(), at.committedAt(), blobAt(messages, start),
                            false, at.content());
                }
            }
        }
        List<ArchiveEntry> entries = new ArrayList<>();
        for (int ordinal = start + 1; ordinal <= messages.size(); ordinal++) {
            entries.add(entry(messages, ordinal));
        }
        return new Backlog(entries, rewritten, anchor);
    }

    private static ArchiveEntry entry(List<Message> messages, int ordinal) {
        Message m = messages.get(ordinal - 1);
        return new ArchiveEntry(0, ArchiveEntry.paddedOrdinal(ordinal), ordinal, m.receivedAt(), null, false, m.content());
    }

    private static String blobAt(List<Message> messages, int ordinal) throws IOException {
        if (ordinal < 1 || ordinal > messages.size()) {
            return null;
        }
        return messages.get(ordinal - 1).content().load(Integer.MAX_VALUE).blob();
    }
}
