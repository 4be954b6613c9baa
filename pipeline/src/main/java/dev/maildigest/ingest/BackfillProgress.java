package dev.maildigest.ingest;

import java.io.PrintStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a backfill: a bar redrawn in place on a terminal (stderr), else a plain log line every
 * ten seconds, so that logs collected by a service manager stay readable.
 */
final class BackfillProgress implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackfillProgress.class);
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long LOG_NANOS = 10_000_000_000L;
    private static final int BAR_WIDTH = 30;

    private final String list;
    private final long total;
    private final PrintStream terminal;
    private final long started = System.nanoTime();
    private long shownAt = started;
    private long commits;
    private long messages;
    private long bytes;

    /** @param terminal where to draw the bar, or null to log instead */
    BackfillProgress(String list, long total, PrintStream terminal) {
        this.list = list;
        this.total = total;
        this.terminal = terminal;
        log.info("backfill started list={} commits={}", list, total);
    }

    static PrintStream terminal() {
        return System.console() != null ? System.err : null;
    }

    void advance(long commits, long messages, long bytes) {
        this.commits += commits;
        this.messages += messages;
        this.bytes += bytes;
        long now = System.nanoTime();
        if (now - shownAt >= (terminal != null ? REDRAW_NANOS : LOG_NANOS) || this.commits == total) {
            shownAt = now;
            show(now);
        }
    }

    private void show(long now) {
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        double rate = messages / seconds;
        if (terminal == null) {
            log.info("backfill progress list={} done={} total={} msgs_per_s={} mb_per_s={}", list, commits, total,
                    Math.round(rate), String.format("%.1f", bytes / 1e6 / seconds));
            return;
        }
        int filled = total == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * commits / total);
        String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
        long eta = rate > 0 ? Math.round((total - commits) * seconds / Math.max(commits, 1)) : 0;
        // The cursor goes back to the start of the line: a log line printed meanwhile overwrites the
        // bar and scrolls up, and the next redraw puts the bar below it.
        terminal.printf("\r%s [%s] %,d/%,d commits  %,.0f msg/s  %.1f MB/s  eta %ds \r", list, bar, commits, total, rate,
                bytes / 1e6 / seconds, eta);
        terminal.flush();
    }

    @Override
    public void close() {
        if (terminal != null) {
            show(System.nanoTime());
            terminal.println();
        }
    }
}
