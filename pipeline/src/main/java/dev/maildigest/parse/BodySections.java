package dev.maildigest.parse;

/**
 * Where the parts of a body are, as line numbers (-1 when absent): the {@code ---} line that ends a
 * commit message, the diffstat block, the start of the diff and the signature. One forward scan
 * that stops at the diffstat or the diff, so the diff of a patch with a diffstat is never read.
 */
final class BodySections {
    final int textStart;
    int separator = -1;
    int statStart = -1;
    int statSummary = -1;
    int statEnd = -1;
    int diffStart = -1;
    int signature = -1;

    private BodySections(int textStart) {
        this.textStart = textStart;
    }

    static BodySections find(BodyLines lines, int textStart) {
        BodySections s = new BodySections(textStart);
        for (int i = textStart; lines.has(i); i++) {
            char c = lines.first(i);
            if (c == '-') {
                if (s.separator < 0 && lines.is(i, "---")) {
                    s.separator = i;
                } else if (lines.length(i) == 3 && lines.startsWith(i, "-- ")) {
                    s.signature = i;
                    return s;
                } else if (lines.startsWith(i, "--- ") && lines.has(i + 1) && lines.startsWith(i + 1, "+++ ")) {
                    s.diffStart = i;
                    return s;
                }
            } else if (c == 'd') {
                if (lines.startsWith(i, "diff --git ") || lines.startsWith(i, "diff -u")) {
                    s.diffStart = i;
                    return s;
                }
            } else if (c == 'I') {
                if (lines.startsWith(i, "Index: ") && lines.has(i + 1) && lines.startsWith(i + 1, "====")) {
                    s.diffStart = i;
                    return s;
                }
            } else if (c == ' ' && Diffstat.summary(lines, i) != null) {
                s.stat(lines, i);
                return s;
            }
        }
        return s;
    }

    private void stat(BodyLines lines, int summary) {
        statSummary = summary;
        int floor = Math.max(textStart, separator + 1);
        int first = summary;
        while (first > floor && Diffstat.isStatLine(lines, first - 1)) {
            first--;
        }
        statStart = first;
        int last = summary + 1;
        while (lines.has(last) && Diffstat.isSummaryExtra(lines, last)) {
            last++;
        }
        statEnd = last;
    }

    /** Where the text a person wrote ends: the diffstat, the diff, the signature or the body's end. */
    int textEnd(BodyLines lines) {
        if (statStart >= 0) {
            return statStart;
        }
        if (diffStart >= 0) {
            return diffStart;
        }
        return signature >= 0 ? signature : lines.count();
    }
}
