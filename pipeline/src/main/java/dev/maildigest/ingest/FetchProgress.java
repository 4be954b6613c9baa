package dev.maildigest.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.ProgressMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a clone or fetch, in bytes received: a bar redrawn in place on a terminal (stderr),
 * else a log line every ten seconds, as {@link BackfillProgress} does for a backfill. The bytes are
 * what the repository's object folder has grown by (JGit writes the pack there as it arrives); the
 * bar fills with the objects JGit says it has received, the only total the server announces.
 */
final class FetchProgress implements ProgressMonitor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FetchProgress.class);
    /** Fetches smaller than this are a poll's routine and not logged. */
    static final long LOGGED_BYTES = 1024 * 1024;

    private final String list;
    private final int epoch;
    private final Path objects;
    private final ProgressLine line;
    private final long before;
    private final long started = System.nanoTime();
    private boolean shown;
    private String task = "";
    private int total;
    private int done;

    /** @param repository the repository being written; @param terminal where to draw the bar, or null to log */
    FetchProgress(String list, int epoch, Path repository, PrintStream terminal) {
        this.list = list;
        this.epoch = epoch;
        this.objects = repository.resolve("objects");
        this.line = new ProgressLine(terminal);
        this.before = size(objects);
    }

    static PrintStream terminal() {
        return ProgressLine.terminal();
    }

    /** Bytes received so far. */
    long bytes() {
        return Math.max(0, size(objects) - before);
    }

    long seconds() {
        return (System.nanoTime() - started) / 1_000_000_000L;
    }

    @Override
    public void start(int totalTasks) {
    }

    @Override
    public void beginTask(String title, int totalWork) {
        task = title;
        total = totalWork;
        done = 0;
    }

    @Override
    public void update(int completed) {
        done += completed;
        long now = System.nanoTime();
        if (line.due(now)) {
            show(now);
        }
    }

    @Override
    public void endTask() {
    }

    @Override
    public boolean isCancelled() {
        return Thread.currentThread().isInterrupted();
    }

    @Override
    public void showDuration(boolean enabled) {
    }

    private void show(long now) {
        shown = true;
        long bytes = bytes();
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        String objectsPart = total > 0 ? String.format("%s %,d/%,d", task.toLowerCase(), done, total) : task.toLowerCase();
        if (!line.onTerminal()) {
            log.info("fetch progress list={} epoch={} bytes={} mb_per_s={} {}", list, epoch, bytes,
                    String.format("%.1f", bytes / 1e6 / seconds), objectsPart);
            return;
        }
        line.draw(String.format("%s/%d [%s] %.1f MB fetched  %.1f MB/s  %s", list, epoch, ProgressLine.bar(done, total),
                bytes / 1e6, bytes / 1e6 / seconds, objectsPart));
    }

    @Override
    public void close() {
        if (line.onTerminal() && shown) {
            show(System.nanoTime());
            line.out().println();
        }
    }

    /** Bytes under a folder; 0 when it does not exist yet. */
    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // a temporary file renamed meanwhile
                }
            }).sum();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
