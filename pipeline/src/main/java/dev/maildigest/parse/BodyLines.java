package dev.maildigest.parse;

import java.util.Arrays;

/**
 * A body split into lines without copying: line i runs from {@code start(i)} to {@code end(i)} (the
 * newline excluded) in {@code text}. Lines are found lazily, as far as a reader asks, so the diff
 * after a diffstat is never split. Line breaks are LF only.
 */
final class BodyLines {
    final String text;
    /** Where the lines end: the text length, or the start of a list footer. */
    private final int limit;
    private int[] starts = new int[64];
    /** Lines found so far; starts[found] is where the next one begins. */
    private int found;
    private boolean complete;

    private BodyLines(String text, int limit) {
        this.text = text;
        this.limit = limit;
    }

    static BodyLines of(String body) {
        String text = body.indexOf('\r') < 0 ? body : body.replace("\r\n", "\n").replace('\r', '\n');
        return new BodyLines(text, ListFooter.start(text));
    }

    /** Whether line {@code line} exists. */
    boolean has(int line) {
        while (line >= found && !complete) {
            next();
        }
        return line < found;
    }

    /** Number of lines; splits the whole text. */
    int count() {
        while (!complete) {
            next();
        }
        return found;
    }

    private void next() {
        int pos = starts[found];
        if (pos >= limit) {
            complete = true;
            return;
        }
        if (found + 2 > starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        int nl = text.indexOf('\n', pos);
        int end = nl < 0 || nl >= limit ? limit : nl;
        found++;
        // the next start is one past the newline; end(i) = starts[i + 1] - 1 holds for the last line too
        starts[found] = end + 1;
    }

    int start(int line) {
        return starts[line];
    }

    /** End of the line's text, newline excluded. */
    int end(int line) {
        return starts[line + 1] - 1;
    }

    int length(int line) {
        return end(line) - start(line);
    }

    String line(int line) {
        return text.substring(start(line), end(line));
    }

    boolean startsWith(int line, String prefix) {
        return length(line) >= prefix.length() && text.startsWith(prefix, start(line));
    }

    /** First character, or '\n' for an empty line. */
    char first(int line) {
        return length(line) == 0 ? '\n' : text.charAt(start(line));
    }

    boolean isBlank(int line) {
        for (int i = start(line), end = end(line); i < end; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the line is {@code what} followed only by spaces or tabs. */
    boolean is(int line, String what) {
        if (!startsWith(line, what)) {
            return false;
        }
        for (int i = start(line) + what.length(), end = end(line); i < end; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Lines [from, to) as one string, blank lines at both ends left out; null when nothing is left. */
    String text(int from, int to) {
        while (from < to && isBlank(from)) {
            from++;
        }
        while (to > from && isBlank(to - 1)) {
            to--;
        }
        return from >= to ? null : text.substring(start(from), end(to - 1));
    }
}
