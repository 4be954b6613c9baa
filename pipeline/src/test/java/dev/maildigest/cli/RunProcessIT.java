package dev.maildigest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.process.DirectoryLock;
import dev.maildigest.testing.PipelineProcess;
import dev.maildigest.testing.TestStack;

/**
 * {@code pipeline run} and {@code stream} as real processes, as an operator meets them: one process
 * per data folder, a quiet console, a fast restart after kill -9 with every digest exactly once.
 */
class RunProcessIT {
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    @Test
    void aSecondRunOnTheSameDataDirSaysWhoHoldsItAndTheFirstRunsOnQuietly() throws Exception {
        Path mbox = mbox("gears", 6);
        Path data = dir.resolve("data");
        PipelineProcess first = PipelineProcess.start(dir, "first", "run", "--follow", "--interval", "1s", "--quiet",
                "--kafka-port", "0", "--registry-port", "0", "--max-range", "3", "--data-dir", data.toString(), mbox.toString());
        try {
            first.awaitStderr(err -> emitted(err) >= 2, PATIENCE);
            Path lock = data.resolve("maildigest.lock");
            long kafkaMetaModified = Files.getLastModifiedTime(data.resolve("kafka/meta.properties")).toMillis();

            PipelineProcess second = PipelineProcess.start(dir, "second", "run", "--quiet", "--kafka-port", "0",
                    "--registry-port", "0", "--data-dir", data.toString(), mbox.toString());

            assertEquals(1, second.awaitExit(PATIENCE));
            assertEquals(List.of("error: --data-dir " + data.toAbsolutePath().normalize() + " is in use by another process (pid "
                    + first.pid() + "): stop it first, or give another --data-dir"), second.stderr().lines().toList());
            assertEquals(first.pid() + "\n", Files.readString(lock), "the holder's pid is left as it was");
            assertEquals(kafkaMetaModified, Files.getLastModifiedTime(data.resolve("kafka/meta.properties")).toMillis());
            assertTrue(first.alive(), "the first run goes on");

            Files.writeString(mbox, mails("gears", 7, 3), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            first.awaitStderr(err -> emitted(err) >= 3, PATIENCE);
        } finally {
            first.stop(PATIENCE);
        }
        assertEquals(List.of(), first.warningsAndErrors(), "a normal run logs no WARN or ERROR on the console");
        assertTrue(Files.readString(data.resolve("logs/server.log")).contains("(kafka.server."),
                "the broker logs to the data folder's server.log");
    }

    @Test
    void aSecondStreamOnTheSameStateDirSaysWhoHoldsIt() throws Exception {
        Path state = dir.resolve("state");
        try (DirectoryLock held = DirectoryLock.acquire(state, "--state-dir")) {
            // No broker at all: the lock is taken before anything else, so this is the only way to fail.
            PipelineProcess second = PipelineProcess.start(dir, "stream", "stream", "--state-dir", state.toString(),
                    "--bootstrap-server", "127.0.0.1:9", "--schema-registry-url", "http://127.0.0.1:9");
            assertEquals(1, second.awaitExit(PATIENCE));
            assertEquals(List.of("error: --state-dir " + state.toAbsolutePath().normalize() + " is in use by another process (pid "
                    + ProcessHandle.current().pid() + "): stop it first, or give another --state-dir"), second.stderr().lines().toList());
        }
    }

    @Test
    void aRunKilledMidBackfillRestartsWithoutWaitingAndEveryDigestIsOutOnce() throws Exception {
        int mails = 400;
        int maxRange = 10;
        Path mbox = mbox("levers", mails);
        Path data = dir.resolve("data");
        String[] run = {"run", "--quiet", "--kafka-port", "0", "--registry-port", "0", "--max-range", String.valueOf(maxRange),
            "--data-dir", data.toString(), mbox.toString()};

        PipelineProcess killed = PipelineProcess.start(dir, "killed", run);
        killed.awaitStderr(err -> emitted(err) >= 1, PATIENCE);
        killed.kill();

        long restarted = System.nanoTime();
        PipelineProcess restart = PipelineProcess.start(dir, "restart", run);
        try {
            restart.awaitStderr(err -> emitted(err) >= 1 || err.contains("run done"), PATIENCE);
        } catch (AssertionError stuck) {
            throw new AssertionError(stuck.getMessage() + "\n--- the end of " + data.resolve("logs/server.log") + ":\n"
                    + tail(data.resolve("logs/server.log"), 300), stuck);
        }
        double firstDigest = (System.nanoTime() - restarted) / 1e9;
        assertEquals(0, restart.awaitExit(PATIENCE), restart.stderr());
        double done = (System.nanoTime() - restarted) / 1e9;
        // Reported, not asserted (machines differ): before static membership this waited out a 45 s session.
        System.out.printf("restart after kill -9: next digest after %.1f s, every digest out after %.1f s (JVM and broker start included)%n",
                firstDigest, done);

        try (TestStack stack = TestStack.start(data)) {
            List<String> keys = stack.committedKeys("mail.digests");
            assertEquals(mails / maxRange, keys.size(), "one digest per range: " + keys);
            assertEquals(keys.size(), new HashSet<>(keys).size(), "none twice");
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (java.io.IOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }

    private static int emitted(String console) {
        return (int) console.lines().filter(line -> line.contains("digest emitted")).count();
    }

    private Path mbox(String list, int count) throws Exception {
        return Files.writeString(dir.resolve(list + ".mbox"), mails(list, 1, count), StandardCharsets.UTF_8);
    }

    /** Hand-made patch mails, numbered from {@code first}. */
    static String mails(String list, int first, int count) {
        StringBuilder mbox = new StringBuilder();
        for (int n = first; n < first + count; n++) {
            mbox.append("From dev@").append(list).append(".example Fri Nov 27 10:00:00 2026\n")
                    .append("From: Dev ").append(n % 7).append(" <dev").append(n % 7).append('@').append(list).append(".example>\n")
                    .append("Subject: [PATCH] ").append(list).append(": adjust part ").append(n).append('\n')
                    .append("Message-ID: <").append(n).append('@').append(list).append(".example>\n\n")
                    .append("Part ").append(n).append(" sits a little off.\n\n")
                    .append("Signed-off-by: Dev <dev@").append(list).append(".example>\n\n");
        }
        return mbox.toString();
    }
}
