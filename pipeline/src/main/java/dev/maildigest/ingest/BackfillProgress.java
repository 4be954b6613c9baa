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

    private final String list;
    private final long total;
    private final ProgressLine line;
    private final long started = System.nanoTime();
    private long commits;
    private long messages;
    private long bytes;

    /** @param terminal where to draw the bar, or null to log instead */
    BackfillProgress(String list, long total, PrintStream terminal) {
        this.list = list;
        this.total = total;
        this.line = new ProgressLine(terminal);
        log.info("backfill started list={} commits={}", list, total);
    }

    static PrintStream terminal() {
        return ProgressLine.terminal();
    }

    void advance(long commits, long messages, long bytes) {
        this.commits += commits;
        this.messages += messages;
        this.bytes += bytes;
        long now = System.nanoTime();
        if (line.due(now) || this.commits == total) {
            show(now);
        }
    }

    private void show(long now) {
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        double rate = messages / seconds;
        if (!line.onTerminal()) {
            log.info("backfill progress list={} done={} total={} msgs_per_s={} mb_per_s={}", list, commits, total,
                    Math.round(rate), String.format("%.1f", bytes / 1e6 / seconds));
            return;
        }
        String bar = ProgressLine.bar(total == 0 ? 1 : commits, total == 0 ? 1 : total);
        long eta = rate > 0 ? Math.round((total - commits) * seconds / Math.max(commits, 1)) : 0;
        line.draw(String.format("%s [%s] %,d/%,d commits  %,.0f msg/s  %.1f MB/s  eta %ds", list, bar, commits, total, rate,
                bytes / 1e6 / seconds, eta));
    }

    @Override
    public void close() {
        if (line.onTerminal()) {
            show(System.nanoTime());
            line.out().println();
        }
    }
}
