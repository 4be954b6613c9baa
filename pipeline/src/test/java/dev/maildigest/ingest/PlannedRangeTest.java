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
