package dev.maildigest.parse;

/**
 * b4's {@code change-id: 20230512-topic-name-1a2b3c4d5e6f} line, the same in every version of a
 * series. b4 writes it with {@code base-commit:} at the very end of a cover letter (or of a lone
 * patch, after its diff), so only the tail of the text is searched: the diff before it is never
 * read.
 */
final class ChangeId {
    private static final String PREFIX = "\nchange-id: ";
    /** The end of a body holds the line, a signature and a list footer at most. */
    private static final int TAIL = 4096;
    private static final int MAX_LENGTH = 200;

    private ChangeId() {
    }

    /** The last change-id line's value in the tail of the text; null when there is none. */
    static String in(String text) {
        int at = -1;
        for (int from = Math.max(0, text.length() - TAIL - 1); ; ) {
            int next = text.indexOf(PREFIX, from);
            if (next < 0) {
                break;
            }
            at = next;
            from = next + 1;
        }
        if (at < 0) {
            return null;
        }
        int start = at + PREFIX.length();
        int end = start;
        while (end < text.length() && isIdChar(text.charAt(end))) {
            end++;
        }
        int after = end;
        while (after < text.length() && (text.charAt(after) == ' ' || text.charAt(after) == '\t')) {
            after++;
        }
        boolean wholeLine = after == text.length() || text.charAt(after) == '\n';
        return end > start && end - start <= MAX_LENGTH && wholeLine ? text.substring(start, end) : null;
    }

    private static boolean isIdChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '+';
    }
}
