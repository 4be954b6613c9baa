package dev.maildigest.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.DiffTotals;

/** Totals counted from the diff itself. */
class DiffCounterTest {

    private static DiffTotals count(String diff) {
        return DiffCounter.count(BodyLines.of(diff), 0);
    }

    @Test
    void gitDiffWithASignatureAfterTheLastHunk() {
        DiffTotals t = count("""
                diff --git a/lib/counter.c b/lib/counter.c
                --- a/lib/counter.c
                +++ b/lib/counter.c
                @@ -10,3 +10,4 @@ int counter_next(struct counter *c)
                 {
                -	return c->value++;
                +	c->value += c->step;
                +	return c->value;
                 }
                --\s
                2.40.0
                """);
        assertEquals(new DiffTotals(1, 2, 1, 0, 0, 0), t);
    }

    @Test
    void renamesBinariesAndModeChanges() {
        DiffTotals t = count("""
                diff --git a/a.c b/b.c
                similarity index 100%
                rename from a.c
                rename to b.c
                diff --git a/logo.png b/logo.png
                Binary files a/logo.png and b/logo.png differ
                diff --git a/run.sh b/run.sh
                old mode 100644
                new mode 100755
                """);
        assertEquals(new DiffTotals(3, 0, 0, 1, 1, 1), t);
    }

    @Test
    void plainDiffsCountTheirFilePairs() {
        DiffTotals t = count("""
                --- old/README
                +++ new/README
                @@ -1 +1 @@
                -one
                +two
                """);
        assertEquals(new DiffTotals(1, 1, 1, 0, 0, 0), t);
    }

    @Test
    void aHunkCutShortStopsCounting() {
        DiffTotals t = count("""
                diff --git a/x b/x
                @@ -1,5 +1,5 @@
                -gone
                Some prose after a truncated paste.
                -- not a deletion
                """);
        assertEquals(1, t.getDeletions());
    }

    @Test
    void noFileNoTotals() {
        assertNull(count("@@ -1 +1 @@\n-a\n+b\n"));
    }

    @Test
    void hunkHeaders() {
        assertArrayEquals(new int[] {3, 4}, DiffCounter.hunkCounts("@@ -10,3 +10,4 @@ int f(void)"));
        assertArrayEquals(new int[] {1, 1}, DiffCounter.hunkCounts("@@ -1 +1 @@"));
        assertArrayEquals(new int[] {0, 2}, DiffCounter.hunkCounts("@@ -0,0 +1,2 @@"));
        assertNull(DiffCounter.hunkCounts("@@ -x,1 +1 @@"));
        assertNull(DiffCounter.hunkCounts("@@ nothing"));
    }
}
