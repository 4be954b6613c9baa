package dev.maildigest.ingest;

import java.util.ArrayList;
import java.util.List;

import dev.maildigest.avro.CommitRange;

/** Consecutive commits of one epoch, published whole or not at all: the unit a digest covers. */
record PlannedRange(List<ArchiveEntry> entries) {

    /**
     * Cuts the new commits into ranges of at most {@code maxRange} commits, never across an epoch
     * boundary (a range names its first and last commit, which must belong to one repository), and
     * always after an anchor (see {@link #isAnchor}). Anchors depend on the commit alone, so two runs
     * that started at different commits of an archive (a full backfill, a {@code --last 500}) cut
     * the same ranges from the first anchor both have read.
     */
    static List<PlannedRange> plan(List<ArchiveEntry> entries, int maxRange) {
        List<PlannedRange> ranges = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= entries.size(); i++) {
            boolean cut = i == entries.size() || i - start == maxRange || entries.get(i).epoch() != entries.get(start).epoch()
                    || isAnchor(entries.get(i - 1), maxRange);
            if (cut) {
                ranges.add(new PlannedRange(List.copyOf(entries.subList(start, i))));
                start = i;
            }
        }
        return ranges;
    }

    /**
     * A commit a range always ends with: one whose id, read as a number, is a multiple of
     * {@code maxRange} (one commit in {@code maxRange}, spread evenly since ids are hashes). For mbox
     * and Maildir, whose "commit" is the message's position, every {@code maxRange}-th message.
     */
    static boolean isAnchor(ArchiveEntry entry, int maxRange) {
        String commit = entry.commit();
        long number = commit.length() >= 40 && commit.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                ? Long.parseLong(commit.substring(0, 15), 16) // 60 bits: never negative
                : entry.ordinal();
        return number % maxRange == 0;
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
