package dev.maildigest.ingest;

import java.io.PrintStream;

/**
 * What the progress of long work (a backfill, a fetch) shares: on a terminal, a bar redrawn in
 * place on stderr at most five times a second; elsewhere, a plain log line every ten seconds, so
 * that logs collected by a service manager stay readable.
 */
final class ProgressLine {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long LOG_NANOS = 10_000_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintStream terminal;
    private long shownAt = System.nanoTime();

    /** @param terminal where to draw the bar, or null to log instead */
    ProgressLine(PrintStream terminal) {
        this.terminal = terminal;
    }

    /** Stderr when a person watches it, else null. */
    static PrintStream terminal() {
        return System.console() != null ? System.err : null;
    }

    PrintStream out() {
        return terminal;
    }

    boolean onTerminal() {
        return terminal != null;
    }

    /** Whether it is time to show progress again; if so, the clock restarts. */
    boolean due(long now) {
        if (now - shownAt >= (terminal != null ? REDRAW_NANOS : LOG_NANOS)) {
            shownAt = now;
            return true;
        }
        return false;
    }

    /** {@code [=====>    ]} filled to {@code done} of {@code total} (full when the total is unknown, empty when 0 of it). */
    static String bar(long done, long total) {
        int filled = total <= 0 ? 0 : (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total);
        return "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
    }

    /**
     * Redraws the line. The cursor goes back to the start of the line: a log line printed meanwhile
     * overwrites the bar and scrolls up, and the next redraw puts the bar below it.
     */
    void draw(String line) {
        terminal.print("\r" + line + " \r");
        terminal.flush();
    }
}
