package dev.maildigest.ingest;

import java.util.ArrayList;
import java.util.List;

import dev.maildigest.avro.CommitRange;

/**
 * Consecutive commits of one epoch, published whole or not at all: the unit a digest covers.
 *
 * @param sequence its place among the archive's ranges with messages (1-based; 0 until {@link #numbered})
 * @param follows  the sequence of the range published before it, 0 for none to wait for
 */
record PlannedRange(List<ArchiveEntry> entries, long sequence, long follows) {
    private static final long SECONDS_PER_DAY = 86_400;

    PlannedRange(List<ArchiveEntry> entries) {
        this(entries, 0, 0);
    }

    /**
     * Numbers the ranges that put records on mail.raw, after the {@code published} ones of the
     * checkpoint: the stream stage emits a list's digests in this order. The first follows the last
     * published range only when that one was numbered too ({@code chained}); otherwise (a new
     * archive, a checkpoint written before ranges were numbered) it waits for nothing.
     */
    static List<PlannedRange> numbered(List<PlannedRange> ranges, long published, boolean chained) {
        List<PlannedRange> numbered = new ArrayList<>(ranges.size());
        long previous = chained ? published : 0;
        long sequence = published;
        for (PlannedRange range : ranges) {
            if (range.messages() == 0) {
                numbered.add(range); // deletions only: no record, no digest, nothing to wait for
                continue;
            }
            sequence++;
            numbered.add(new PlannedRange(range.entries(), sequence, previous));
            previous = sequence;
        }
        return numbered;
    }

    /**
     * Cuts the new commits into ranges of at most {@code maxRange} commits, never across an epoch
     * boundary (a range names its first and last commit, which must belong to one repository), nor
     * across midnight UTC (see {@link #newDay}). Midnights depend on the commits alone, so two runs
     * that started at different commits of an archive (a full backfill, a {@code --last 500}) cut
     * the same ranges from the first midnight both have read.
     */
    static List<PlannedRange> plan(List<ArchiveEntry> entries, int maxRange) {
        List<PlannedRange> ranges = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= entries.size(); i++) {
            boolean cut = i == entries.size() || i - start == maxRange || entries.get(i).epoch() != entries.get(start).epoch()
                    || newDay(entries.get(i - 1), entries.get(i));
            if (cut) {
                ranges.add(new PlannedRange(List.copyOf(entries.subList(start, i))));
                start = i;
            }
        }
        return ranges;
    }

    /** Whether {@code next} was committed on another UTC day than {@code previous} (unknown times: no). */
    static boolean newDay(ArchiveEntry previous, ArchiveEntry next) {
        return previous.committedAt() != null && next.committedAt() != null
                && Math.floorDiv(previous.committedAt().getEpochSecond(), SECONDS_PER_DAY)
                        != Math.floorDiv(next.committedAt().getEpochSecond(), SECONDS_PER_DAY);
    }

    ArchiveEntry first() {
        return entries.get(0);
    }

    ArchiveEntry last() {
        return entries.get(entries.size() - 1);
    }

    /** Records the range puts on mail.raw: its commits less the deletions. */
    int messages() {
        return (int) entries.stream().filter(e -> !e.deletion()).count();
    }

    CommitRange commitRange() {
        return new CommitRange(first().commit(), last().commit(), messages(), entries.size(), sequence, follows);
    }
}
