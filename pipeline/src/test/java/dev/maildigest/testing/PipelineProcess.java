package dev.maildigest.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pipeline.jar} as its own process, the way a user or a supervisor starts it: stdout and
 * stderr kept in files next to each other, so that a test reads what the console showed.
 */
public final class PipelineProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private PipelineProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code java -jar target/pipeline.jar ARGS}; its console goes to {@code logs}/{@code name}.out|.err. */
    public static PipelineProcess start(Path logs, String name, String... args) throws IOException {
        Path jar = Path.of("target", "pipeline.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "built by the package phase before the integration tests: " + jar);
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new PipelineProcess(process, out, err);
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** What the process printed on stderr so far. */
    public String stderr() {
        try {
            return Files.exists(err) ? Files.readString(err) : "";
        } catch (IOException e) {
            return "(cannot read " + err + ": " + e.getMessage() + ")";
        }
    }

    /** Waits until stderr shows what {@code seen} looks for; fails with the console if the process ends first. */
    public void awaitStderr(Predicate<String> seen, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (seen.test(stderr())) {
                return;
            }
            if (!process.isAlive()) {
                fail("the process ended (exit " + process.exitValue() + ") before it got there; stderr:\n" + stderr());
            }
            Thread.sleep(100);
        }
        fail("not seen in time; stderr:\n" + stderr());
    }

    /** Waits for the exit code, killing the process if it takes longer than {@code patience}. */
    public int awaitExit(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            fail("still running after " + patience + "; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /** SIGTERM, as Ctrl-C or a supervisor's stop: the shutdown hook closes the stages in order. */
    public int stop(Duration patience) throws InterruptedException {
        process.destroy();
        return awaitExit(patience);
    }

    /** SIGKILL: no shutdown hook, nothing flushed, locks released by the operating system. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** What the process printed so far, stdout then stderr. */
    public String output() {
        try {
            return (Files.exists(out) ? Files.readString(out) : "") + stderr();
        } catch (IOException e) {
            return "(cannot read " + out + ": " + e.getMessage() + ")";
        }
    }

    /**
     * The first group of the first console line matching {@code pattern} (the whole match when it has
     * no group), waiting for it up to {@code patience}; fails with the console if the process ends first.
     */
    public String await(Pattern pattern, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : output().lines().toList()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
            }
            if (!process.isAlive()) {
                fail("the process ended (exit " + process.exitValue() + ") before printing " + pattern + ":\n" + output());
            }
            Thread.sleep(100);
        }
        fail("no line matching " + pattern + " within " + patience + ":\n" + output());
        return null;
    }

    /** SIGTERM, then SIGKILL if it has not stopped 30 s later: for try-with-resources. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(30));
        }
    }

    /** Console lines at WARN or ERROR level (the pipeline's log lines are "HH:mm:ss.SSS LEVEL ..."). */
    public List<String> warningsAndErrors() {
        return stderr().lines().filter(line -> line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (WARN|ERROR).*")).toList();
    }
}
