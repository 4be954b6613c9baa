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

    /** Commit {@code n} of epoch 0, made at that hour counted from November 1, 2026, 00:00 UTC. */
    private static ArchiveEntry at(int n, int hour) {
        return new ArchiveEntry(0, "c" + n, n, java.time.Instant.parse("2026-11-01T00:00:00Z").plusSeconds(hour * 3600L + n), null,
                false, null);
    }

    @Test
    void aRangeNeverSpansMidnightUtcAndALateStartCutsTheSameRangesAfterTheFirstMidnight() {
        List<ArchiveEntry> all = new ArrayList<>();
        for (int n = 1; n <= 40; n++) {
            all.add(at(n, n <= 13 ? 10 : n <= 27 ? 24 + 10 : 48 + 10)); // 13 commits on Nov 1, 14 on Nov 2, 13 on Nov 3
        }
        List<List<Long>> backfill = ordinals(PlannedRange.plan(all, 10));
        assertEquals(List.of(List.of(1L, 10L), List.of(11L, 13L), List.of(14L, 23L), List.of(24L, 27L), List.of(28L, 37L),
                List.of(38L, 40L)), backfill, "at most 10 commits, and a new range each day");

        // Started late (--last 32, from commit 9): a short first range up to midnight, then the backfill's ranges.
        List<List<Long>> late = ordinals(PlannedRange.plan(all.subList(8, 40), 10));
        assertEquals(List.of(9L, 13L), late.get(0));
        assertEquals(backfill.subList(2, backfill.size()), late.subList(1, late.size()));
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
                        new CommitRange("c1", "c3", 2, 3, 0L, 0L),
                        new CommitRange("c4", "c6", 3, 3, 0L, 0L),
                        new CommitRange("c7", "c7", 1, 1, 0L, 0L),
                        new CommitRange("c8", "c9", 2, 2, 0L, 0L)),
                ranges.stream().map(PlannedRange::commitRange).toList());
    }

    @Test
    void rangeOfDeletionsOnlyHasNoRecords() {
        List<PlannedRange> ranges = PlannedRange.plan(List.of(entry(0, 1, true), entry(0, 2, true)), 100);
        assertEquals(List.of(new CommitRange("c1", "c2", 0, 2, 0L, 0L)), ranges.stream().map(PlannedRange::commitRange).toList());
    }

    @Test
    void nothingNewPlansNothing() {
        assertEquals(List.of(), PlannedRange.plan(List.of(), 100));
    }

    @Test
    void rangesWithMessagesAreNumberedAfterTheCheckpointAndEachFollowsThePreviousOne() {
        List<PlannedRange> planned = PlannedRange.plan(List.of(entry(0, 1, false), entry(0, 2, false), entry(0, 3, true),
                entry(0, 4, false)), 1);
        List<PlannedRange> afterFive = PlannedRange.numbered(planned, 5, true);
        assertEquals(List.of(6L, 7L, 0L, 8L), afterFive.stream().map(PlannedRange::sequence).toList(),
                "a range of deletions only publishes nothing and gets no number");
        assertEquals(List.of(5L, 6L, 0L, 7L), afterFive.stream().map(PlannedRange::follows).toList());
        assertEquals(new CommitRange("c4", "c4", 1, 1, 8L, 7L), afterFive.get(3).commitRange());

        // A checkpoint written before ranges were numbered: the first new range waits for nothing.
        List<PlannedRange> afterUpgrade = PlannedRange.numbered(planned, 5, false);
        assertEquals(List.of(0L, 6L, 0L, 7L), afterUpgrade.stream().map(PlannedRange::follows).toList());
    }
}
