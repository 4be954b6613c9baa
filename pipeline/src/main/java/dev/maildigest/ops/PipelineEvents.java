package dev.maildigest.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events an operator follows in the log, as key=value lines that grep well, together with the
 * meters they move: {@code digest emitted ...} once a digest is written. (The ingester writes its
 * {@code range ingested ...} line and counts its meters itself, next to its transaction.)
 */
public final class PipelineEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineEvents.class);

    private PipelineEvents() {
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
