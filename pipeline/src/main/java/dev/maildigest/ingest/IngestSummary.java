package dev.maildigest.ingest;

import java.time.Duration;

/**
 * What one pass (or a whole run) ingested.
 *
 * @param commits   commits read (deletions included)
 * @param messages  records published to mail.raw (rejected ones included)
 * @param rejected  messages published without their bytes, sent to the dead letters
 * @param deletions deletion commits recorded
 * @param ranges    ranges committed
 * @param bytes     message bytes published
 * @param rewrites  times an archive's history was found rewritten
 */
public record IngestSummary(long commits, long messages, long rejected, long deletions, long ranges, long bytes,
                            int rewrites, Duration elapsed) {

    public static final IngestSummary NONE = new IngestSummary(0, 0, 0, 0, 0, 0, 0, Duration.ZERO);

    public IngestSummary plus(IngestSummary other) {
        return new IngestSummary(commits + other.commits, messages + other.messages, rejected + other.rejected,
                deletions + other.deletions, ranges + other.ranges, bytes + other.bytes, rewrites + other.rewrites,
                elapsed.plus(other.elapsed));
    }

    public IngestSummary withElapsed(Duration elapsed) {
        return new IngestSummary(commits, messages, rejected, deletions, ranges, bytes, rewrites, elapsed);
    }

    public double messagesPerSecond() {
        return elapsed.isZero() ? 0 : messages * 1000.0 / elapsed.toMillis();
    }

    public double megabytesPerSecond() {
        return elapsed.isZero() ? 0 : bytes / 1e6 * 1000.0 / elapsed.toMillis();
    }

    @Override
    public String toString() {
        return String.format("commits=%d messages=%d rejected=%d deletions=%d ranges=%d bytes=%d rewrites=%d seconds=%.1f msgs_per_s=%.0f mb_per_s=%.1f",
                commits, messages, rejected, deletions, ranges, bytes, rewrites, elapsed.toMillis() / 1000.0,
                messagesPerSecond(), megabytesPerSecond());
    }
}
