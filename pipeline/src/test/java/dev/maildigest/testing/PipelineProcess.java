package dev.maildigest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tests only: `pipeline ARGS...` in a JVM of its own, as a user or a container runs it, its output in a file. */
public final class PipelineProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private PipelineProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static PipelineProcess start(Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.maildigest.cli.Main"));
        command.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PipelineProcess(process, log);
    }

    /** The first group of the first output line matching {@code pattern}, waiting for it up to {@code timeout}. */
    public String await(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log)) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the child exited " + process.exitValue() + " before printing " + pattern
                        + ":\n" + output());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no line matching " + pattern + " within " + timeout + ":\n" + output());
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as `docker stop` sends; SIGKILL if it has not stopped 30 s later. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    public int exitValue() {
        return process.exitValue();
    }
}
