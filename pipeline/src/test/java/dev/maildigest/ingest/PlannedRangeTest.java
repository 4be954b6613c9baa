package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.CommitRange;

class PlannedRangeTest {

    private static ArchiveEntry entry(int epoch, int n, boolean deletion) {
        return new ArchiveEntry(epoch, "c" + n, n, null, null, deletion, null);
    }

    /** A commit of epoch 0 with a made-up 40-digit id, anchor or not. */
    private static ArchiveEntry commit(int n, boolean anchor) {
        // Ids read as numbers: 7 * 10^k... is no multiple of 10, 10 * (n + 1) is.
        String id = String.format("%015x", anchor ? 10L * (n + 1) : 10L * (n + 1) + 7) + "0".repeat(25);
        return new ArchiveEntry(0, id, n, null, null, false, null);
    }

    @Test
    void aRangeEndsAtAnAnchorCommitAndALateStartCutsTheSameRangesAfterTheFirstAnchor() {
        List<ArchiveEntry> all = new ArrayList<>();
        for (int n = 1; n <= 40; n++) {
            all.add(commit(n, n == 13 || n == 27));
        }
        List<List<Long>> backfill = ordinals(PlannedRange.plan(all, 10));
        assertEquals(List.of(List.of(1L, 10L), List.of(11L, 13L), List.of(14L, 23L), List.of(24L, 27L), List.of(28L, 37L),
                List.of(38L, 40L)), backfill, "at most 10 commits, and always ending at commits 13 and 27");

        // Started late (--last 32, from commit 9): a short first range up to the anchor, then the backfill's ranges.
        List<List<Long>> late = ordinals(PlannedRange.plan(all.subList(8, 40), 10));
        assertEquals(List.of(List.of(9L, 13L)), late.subList(0, 1));
        assertEquals(backfill.subList(2, backfill.size()), late.subList(1, late.size()));
    }

    @Test
    void mboxMessagesAnchorEveryMaxRangeInTheirPlaceInTheFile() {
        List<ArchiveEntry> entries = new ArrayList<>();
        for (int n = 7; n <= 25; n++) {
            entries.add(new ArchiveEntry(0, ArchiveEntry.paddedOrdinal(n), n, null, null, false, null));
        }
        assertEquals(List.of(List.of(7L, 10L), List.of(11L, 20L), List.of(21L, 25L)), ordinals(PlannedRange.plan(entries, 10)));
    }

    private static List<List<Long>> ordinals(List<PlannedRange> ranges) {
        return ranges.stream().map(r -> List.of(r.first().ordinal(), r.last().ordinal())).toList();
    }

    @Test
    void rangesHoldAtMostMaxRangeCommitsAndNeverSpanTwoEpochs() {
        List<ArchiveEntry> entries = new ArrayList<>();
        for (int n = 1; n <= 7; n++) {
            entries.add(entry(0, n, n == 2));
        }
        for (int n = 8; n <= 9; n++) {
            entries.add(entry(1, n, false));
        }
        List<PlannedRange> ranges = PlannedRange.plan(entries, 3);
        assertEquals(List.of(
                        new CommitRange("c1", "c3", 2, 3),
                        new CommitRange("c4", "c6", 3, 3),
                        new CommitRange("c7", "c7", 1, 1),
                        new CommitRange("c8", "c9", 2, 2)),
                ranges.stream().map(PlannedRange::commitRange).toList());
    }

    @Test
    void rangeOfDeletionsOnlyHasNoRecords() {
        List<PlannedRange> ranges = PlannedRange.plan(List.of(entry(0, 1, true), entry(0, 2, true)), 100);
        assertEquals(List.of(new CommitRange("c1", "c2", 0, 2)), ranges.stream().map(PlannedRange::commitRange).toList());
    }

    @Test
    void nothingNewPlansNothing() {
        assertEquals(List.of(), PlannedRange.plan(List.of(), 100));
    }
}
