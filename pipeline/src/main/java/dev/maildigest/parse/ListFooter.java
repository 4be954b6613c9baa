package dev.maildigest.parse;

/**
 * Mailman appends a footer to every message it relays:
 * <pre>
 * _______________________________________________
 * kvmarm mailing list
 * kvmarm@lists.cs.columbia.edu
 * https://lists.cs.columbia.edu/mailman/listinfo/kvmarm
 * </pre>
 * It is nobody's text: not part of a commit message, reply or diff.
 */
final class ListFooter {
    private static final String RULE = "\n____________________";
    /** Footers are a few short lines: only the end of the body is searched. */
    private static final int SEARCH = 1000;

    private ListFooter() {
    }

    /** Offset where the footer starts (its rule line), or the text length when there is none. */
    static int start(String text) {
        int rule = text.indexOf(RULE, Math.max(0, text.length() - SEARCH));
        while (rule >= 0) {
            int lineEnd = text.indexOf('\n', rule + 1);
            int next = lineEnd < 0 ? -1 : text.indexOf('\n', lineEnd + 1);
            String nextLine = lineEnd < 0 ? "" : text.substring(lineEnd + 1, next < 0 ? text.length() : next);
            if (nextLine.strip().endsWith("mailing list")) {
                return rule + 1;
            }
            rule = text.indexOf(RULE, rule + 1);
        }
        return text.length();
    }
}
