package dev.maildigest.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two events an operator follows in the log, each one key=value line that greps well, and the
 * meters they move: {@code range ingested ...} once a range's transaction has committed, and
 * {@code digest emitted ...} once a digest is written. Archive URLs lose any credentials first.
 */
public final class PipelineEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineEvents.class);

    private PipelineEvents() {
    }

    /** A range is in mail.raw (its transaction committed); {@code ordinal} is the archive's count after it. */
    public static void rangeIngested(String list, String archive, String first, String last, int messages, long bytes, long ordinal) {
        PipelineMetrics.messagesIngested(list).increment(messages);
        PipelineMetrics.bytesIngested(list).increment(bytes);
        LOG.info("range ingested list={} archive={} first={} last={} count={} bytes={} ordinal={}",
                value(list), value(PipelineMetrics.withoutCredentials(archive)), value(first), value(last), messages, bytes, ordinal);
    }

    /** A digest of {@code messages} messages, {@code unreadable} of them dead-lettered, was written. */
    public static void digestEmitted(String list, String first, String last, int messages, int unreadable) {
        PipelineMetrics.digestsEmitted(list).increment();
        LOG.info("digest emitted list={} first={} last={} messages={} unreadable={}",
                value(list), value(first), value(last), messages, unreadable);
    }

    /** Quoted only when a space or quote would split the pair for grep and log parsers. */
    static String value(String raw) {
        if (raw == null) {
            return "-";
        }
        if (raw.isEmpty() || raw.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '=')) {
            return '"' + raw.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("\\s", " ") + '"';
        }
        return raw;
    }
}
