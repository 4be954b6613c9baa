package dev.maildigest.ingest;

/**
 * One commit of an archive (for mbox and Maildir: one message), found by a reader, bytes not yet read.
 *
 * @param epoch       public-inbox epoch (0 for v1, mbox and Maildir)
 * @param commit      commit id, or the zero-padded ordinal for mbox and Maildir
 * @param ordinal     1-based position in the whole archive
 * @param committedAt commit time, or null when the archive has none
 * @param blob        git blob id of the message (of the deleted message for a deletion), or null until read
 * @param deletion    a public-inbox purge or removal: recorded, never published
 * @param content     reads the message when its range is published
 */
public record ArchiveEntry(int epoch, String commit, long ordinal, java.time.Instant committedAt, String blob, boolean deletion,
                           MessageContent content) {

    /** Reads a message's bytes, unless it is larger than the limit. */
    @FunctionalInterface
    public interface MessageContent {
        LoadedMessage load(int maxBytes) throws java.io.IOException;
    }

    /**
     * @param bytes    the message exactly as archived, or null when it could not be published
     * @param blob     git blob id of the message, when known
     * @param rejected why the bytes are not there (too large, unreadable), else null
     */
    public record LoadedMessage(long size, byte[] bytes, String blob, String rejected) {

        public static LoadedMessage of(byte[] bytes, String blob) {
            return new LoadedMessage(bytes.length, bytes, blob, null);
        }

        public static LoadedMessage tooLarge(long size, int maxBytes, String blob) {
            return new LoadedMessage(size, null, blob, "message of " + size + " bytes is over the limit of " + maxBytes + " bytes");
        }
    }

    public static String paddedOrdinal(long ordinal) {
        return String.format("%010d", ordinal);
    }
}
