package dev.maildigest.parse;

/**
 * The text git request-pull writes, which makes a mail a pull request whatever its subject says:
 * <pre>
 * The following changes since commit 0123abcd...:
 *   ...
 * are available in the Git repository at:
 * </pre>
 * Only unquoted lines count: a reply quoting a pull request is a reply.
 */
final class PullRequestText {
    private static final String SINCE = "The following changes since commit ";
    private static final String AVAILABLE = "are available in the Git repository at";
    /** request-pull puts a few lines (the base commit's subject and date) between the two. */
    private static final int WITHIN = 8;

    private PullRequestText() {
    }

    /** Whether lines [from, to) hold request-pull output. */
    static boolean in(BodyLines lines, int from, int to) {
        for (int i = from; i < to && lines.has(i); i++) {
            if (lines.first(i) == 'T' && lines.startsWith(i, SINCE)) {
                for (int j = i + 1; j < Math.min(to, i + WITHIN) && lines.has(j); j++) {
                    if (lines.length(j) >= AVAILABLE.length()
                            && lines.text.regionMatches(true, lines.start(j), AVAILABLE, 0, AVAILABLE.length())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
