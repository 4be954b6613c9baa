package dev.maildigest.parse;

import dev.maildigest.avro.DiffTotals;

/**
 * The diffstat git format-patch writes after the {@code ---} line:
 * <pre>
 *  arch/arm64/kvm/nested.c | 12 +++++++-----
 *  drivers/foo.bin         | Bin 0 -> 512 bytes
 *  2 files changed, 7 insertions(+), 5 deletions(-)
 *  create mode 100644 drivers/foo.bin
 * </pre>
 */
final class Diffstat {
    private Diffstat() {
    }

    /** {@code  path | 12 +++--} or {@code  path | Bin 0 -> 512 bytes}. */
    static boolean isStatLine(BodyLines lines, int i) {
        int start = lines.start(i);
        int end = lines.end(i);
        if (end - start < 5 || lines.text.charAt(start) != ' ') {
            return false;
        }
        String t = lines.text;
        int bar = t.lastIndexOf('|', end - 1);
        if (bar <= start + 1) {
            return false;
        }
        int p = bar + 1;
        while (p < end && t.charAt(p) == ' ') {
            p++;
        }
        if (t.startsWith("Bin", p)) {
            return true;
        }
        int digits = p;
        while (p < end && isDigit(t.charAt(p))) {
            p++;
        }
        if (p == digits) {
            return false;
        }
        while (p < end && t.charAt(p) == ' ') {
            p++;
        }
        while (p < end && (t.charAt(p) == '+' || t.charAt(p) == '-')) {
            p++;
        }
        while (p < end && (t.charAt(p) == ' ' || t.charAt(p) == '\t')) {
            p++;
        }
        return p == end;
    }

    /** {@code  N file(s) changed[, N insertion(s)(+)][, N deletion(s)(-)]}; null when it is not one. */
    static int[] summary(BodyLines lines, int i) {
        int start = lines.start(i);
        int end = lines.end(i);
        String t = lines.text;
        int p = start;
        if (p >= end || t.charAt(p) != ' ') {
            return null;
        }
        while (p < end && t.charAt(p) == ' ') {
            p++;
        }
        int[] numbers = new int[3];
        int files = number(t, p, end);
        if (files < 0) {
            return null;
        }
        while (p < end && isDigit(t.charAt(p))) {
            p++;
        }
        if (!(t.startsWith(" file changed", p) || t.startsWith(" files changed", p))) {
            return null;
        }
        numbers[0] = files;
        int comma = t.indexOf(',', p);
        while (comma >= 0 && comma < end) {
            int q = comma + 1;
            while (q < end && t.charAt(q) == ' ') {
                q++;
            }
            int value = number(t, q, end);
            while (q < end && isDigit(t.charAt(q))) {
                q++;
            }
            if (value >= 0 && t.startsWith(" insertion", q)) {
                numbers[1] = value;
            } else if (value >= 0 && t.startsWith(" deletion", q)) {
                numbers[2] = value;
            }
            comma = t.indexOf(',', q);
        }
        return numbers;
    }

    /** Lines git adds under the summary: creations, deletions, renames, copies, mode changes. */
    static boolean isSummaryExtra(BodyLines lines, int i) {
        return lines.startsWith(i, " create mode ") || lines.startsWith(i, " delete mode ")
                || lines.startsWith(i, " rename ") || lines.startsWith(i, " copy ")
                || lines.startsWith(i, " mode change ") || lines.startsWith(i, " rewrite ");
    }

    /** Totals of the block: lines [from, summary] are stat lines, (summary, to) the extra lines. */
    static DiffTotals totals(BodyLines lines, int from, int summaryLine, int to) {
        int[] numbers = summary(lines, summaryLine);
        int binary = 0;
        int arrows = 0;
        for (int i = from; i < summaryLine; i++) {
            String line = lines.line(i);
            int bar = line.lastIndexOf('|');
            if (line.startsWith("Bin", skipSpaces(line, bar + 1))) {
                binary++;
            }
            if (line.lastIndexOf(" => ", bar) > 0) {
                arrows++;
            }
        }
        int renames = 0;
        int modeChanges = 0;
        for (int i = summaryLine + 1; i < to; i++) {
            if (lines.startsWith(i, " rename ") || lines.startsWith(i, " copy ")) {
                renames++;
            } else if (lines.startsWith(i, " mode change ")) {
                modeChanges++;
            }
        }
        return DiffTotals.newBuilder()
                .setFiles(numbers[0]).setInsertions(numbers[1]).setDeletions(numbers[2])
                .setBinaryFiles(binary)
                // Without --summary only the "a => b" paths of the stat lines tell renames.
                .setRenames(renames > 0 ? renames : arrows)
                .setModeChanges(modeChanges)
                .build();
    }

    private static int skipSpaces(String s, int from) {
        while (from < s.length() && s.charAt(from) == ' ') {
            from++;
        }
        return from;
    }

    /** The decimal number at {@code p}, -1 when there is none; large values saturate. */
    private static int number(String t, int p, int end) {
        if (p >= end || !isDigit(t.charAt(p))) {
            return -1;
        }
        long value = 0;
        while (p < end && isDigit(t.charAt(p))) {
            value = Math.min(Integer.MAX_VALUE, value * 10 + (t.charAt(p) - '0'));
            p++;
        }
        return (int) value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
