package dev.maildigest.ingest;

import java.util.ArrayList;
import java.util.List;

import dev.maildigest.avro.CommitRange;

/** Consecutive commits of one epoch, published whole or not at all: the unit a digest covers. */
record PlannedRange(List<ArchiveEntry> entries) {
    private static final long SECONDS_PER_DAY = 86_400;

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
        return new CommitRange(first().commit(), last().commit(), messages(), entries.size());
    }
}
