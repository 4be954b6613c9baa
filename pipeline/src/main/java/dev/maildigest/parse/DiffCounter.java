package dev.maildigest.parse;

import dev.maildigest.avro.DiffTotals;

/**
 * Totals counted from the diff itself, for patches sent without a diffstat. Hunk lines are counted
 * as the {@code @@ -a,b +c,d @@} header announces them, so a signature ("-- ") or a list footer
 * after the last hunk is not taken for a deletion.
 */
final class DiffCounter {
    private DiffCounter() {
    }

    /** Totals of the diff from line {@code from} on; null when there is no file in it. */
    static DiffTotals count(BodyLines lines, int from) {
        int gitFiles = 0;
        int plainFiles = 0;
        int insertions = 0;
        int deletions = 0;
        int binary = 0;
        int renames = 0;
        int modeChanges = 0;
        int oldLeft = 0;
        int newLeft = 0;
        for (int i = from; lines.has(i); i++) {
            char c = lines.first(i);
            if (oldLeft > 0 || newLeft > 0) {
                if (c == '+') {
                    insertions++;
                    newLeft--;
                    continue;
                }
                if (c == '-') {
                    deletions++;
                    oldLeft--;
                    continue;
                }
                if (c == ' ' || c == '\n') {
                    oldLeft--;
                    newLeft--;
                    continue;
                }
                if (c == '\\') {
                    continue; // "\ No newline at end of file"
                }
                oldLeft = 0; // the hunk was cut short
                newLeft = 0;
            }
            switch (c) {
                case '@' -> {
                    int[] counts = hunkCounts(lines.line(i));
                    if (counts != null) {
                        oldLeft = counts[0];
                        newLeft = counts[1];
                    }
                }
                case 'd' -> {
                    if (lines.startsWith(i, "diff --git ")) {
                        gitFiles++;
                    }
                }
                case '-' -> {
                    if (lines.startsWith(i, "--- ") && lines.has(i + 1) && lines.startsWith(i + 1, "+++ ")) {
                        plainFiles++;
                    }
                }
                case 'B' -> {
                    if (lines.startsWith(i, "Binary files ")) {
                        binary++;
                    }
                }
                case 'G' -> {
                    if (lines.startsWith(i, "GIT binary patch")) {
                        binary++;
                    }
                }
                case 'r' -> {
                    if (lines.startsWith(i, "rename from ")) {
                        renames++;
                    }
                }
                case 'c' -> {
                    if (lines.startsWith(i, "copy from ")) {
                        renames++;
                    }
                }
                case 'o' -> {
                    if (lines.startsWith(i, "old mode ")) {
                        modeChanges++;
                    }
                }
                default -> {
                }
            }
        }
        // git diffs announce every file with "diff --git"; plain diffs only with ---/+++ pairs.
        int files = gitFiles > 0 ? gitFiles : plainFiles;
        if (files == 0) {
            return null;
        }
        return DiffTotals.newBuilder()
                .setFiles(files).setInsertions(insertions).setDeletions(deletions)
                .setBinaryFiles(binary).setRenames(renames).setModeChanges(modeChanges)
                .build();
    }

    /** Old and new line counts of {@code @@ -a[,b] +c[,d] @@}; null when the line is not a hunk header. */
    static int[] hunkCounts(String line) {
        if (!line.startsWith("@@ -")) {
            return null;
        }
        int plus = line.indexOf(" +", 4);
        int close = line.indexOf(" @@", 4);
        if (plus < 0 || close < plus) {
            return null;
        }
        int oldCount = rangeCount(line, 4, plus);
        int newCount = rangeCount(line, plus + 2, close);
        return oldCount < 0 || newCount < 0 ? null : new int[] {oldCount, newCount};
    }

    /** The count of "start[,count]" (1 when omitted); -1 when malformed. */
    private static int rangeCount(String s, int from, int to) {
        int comma = s.indexOf(',', from);
        if (comma < 0 || comma > to) {
            return digits(s, from, to) ? 1 : -1;
        }
        if (!digits(s, from, comma) || !digits(s, comma + 1, to) || to - comma - 1 > 9) {
            return -1;
        }
        return Integer.parseInt(s, comma + 1, to, 10);
    }

    private static boolean digits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
