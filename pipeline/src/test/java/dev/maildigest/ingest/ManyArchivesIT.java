package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.testing.TestStack;

/**
 * 200 archives followed by one {@code pipeline run} in its own JVM within {@code -Xmx1g}: every
 * message on mail.raw once, a digest for every list, and a poll round over the 200 unchanged
 * archives costs a bounded number of threads (the workers', not one per archive). The cost of the
 * idle rounds is printed for the record, not asserted: the machine may be loaded.
 */
class ManyArchivesIT {
    private static final int ARCHIVES = 200;
    private static final int MAILS = 3;
    private static final int CHANGED = 5;
    private static final Pattern ROUND = Pattern.compile(
            "poll round archives=(\\d+) messages=(\\d+) wall_ms=(\\d+) worker_cpu_ms=(\\d+) process_cpu_ms=(-?\\d+) threads=(\\d+) heap_used_mb=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void twoHundredArchivesAreIngestedOnceWithAFixedNumberOfThreads() throws Exception {
        try (TestStack stack = TestStack.start(dir.resolve("kafka"))) {
            List<InboxRepo> repos = new ArrayList<>();
            StringBuilder archives = new StringBuilder();
            try {
                for (int a = 0; a < ARCHIVES; a++) {
                    String name = String.format("l%03d", a);
                    InboxRepo repo = InboxRepo.create(dir.resolve("lists").resolve(name).resolve("git/0.git"));
                    repos.add(repo);
                    for (int n = 1; n <= MAILS; n++) {
                        repo.add(InboxRepo.mail(name, n));
                    }
                    archives.append(name).append(".source = ").append(dir.resolve("lists").resolve(name)).append('\n')
                            .append(name).append(".list-name = ").append(name).append('\n');
                }
                Path archivesFile = dir.resolve("archives.properties");
                Files.writeString(archivesFile, archives);
                Path out = dir.resolve("out");

                Process child = runProcess(stack, archivesFile, out);
                try {
                    String raw = stack.config().topics().raw();
                    await("all " + ARCHIVES * MAILS + " messages on " + raw, () -> stack.committedKeys(raw).size() >= ARCHIVES * MAILS, child);
                    await("a digest for every list", () -> digestFiles(out).size() >= ARCHIVES, child);
                    await("three idle rounds", () -> idleRounds().size() >= 3, child);
                    List<Map<String, Long>> idle = idleRounds();
                    Map<String, Long> last = idle.get(idle.size() - 1);
                    System.out.println("ManyArchivesIT idle rounds over " + ARCHIVES + " archives: " + idle
                            + " rss_mb=" + rssMegabytes(child.pid()));
                    assertEquals(ARCHIVES, last.get("archives"));
                    assertTrue(last.get("threads") < ARCHIVES / 2,
                            "threads do not grow with the archives: " + last.get("threads") + " threads for " + ARCHIVES + " archives");

                    // A few lists get one more message: the next round publishes them, and only them.
                    for (int a = 0; a < CHANGED; a++) {
                        repos.get(a * 37).add(InboxRepo.mail(String.format("l%03d", a * 37), MAILS + 1));
                    }
                    await("the new messages", () -> stack.committedKeys(raw).size() >= ARCHIVES * MAILS + CHANGED, child);
                } finally {
                    child.destroy(); // SIGTERM: finishes the range in progress and leaves
                    if (!child.waitFor(60, TimeUnit.SECONDS)) {
                        child.destroyForcibly();
                    }
                }

                Map<String, Integer> perList = new TreeMap<>();
                List<String> keys = Records.read(stack, stack.config().topics().raw(), true).stream().map(r -> r.key()).toList();
                assertEquals(keys.size(), new TreeSet<>(keys).size(), "no message published twice");
                for (String key : keys) {
                    perList.merge(key.substring(0, key.indexOf(':')), 1, Integer::sum);
                }
                assertEquals(ARCHIVES, perList.size(), "every list published");
                for (int a = 0; a < ARCHIVES; a++) {
                    String name = String.format("l%03d", a);
                    int expected = a % 37 == 0 && a / 37 < CHANGED ? MAILS + 1 : MAILS;
                    assertEquals(expected, perList.get(name), "messages of " + name);
                }
                TreeSet<String> digested = new TreeSet<>();
                for (Path file : digestFiles(out)) {
                    digested.add(file.getFileName().toString().substring(0, 4));
                }
                assertEquals(ARCHIVES, digested.size(), "a digest for every list: " + digested);
            } finally {
                repos.forEach(InboxRepo::close);
            }
        }
    }

    /** `pipeline run` against the test's broker, as a user with 200 lists runs it. */
    private Process runProcess(TestStack stack, Path archivesFile, Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx1g", "-Dlogback.level=debug", "-cp", System.getProperty("java.class.path"),
                "dev.maildigest.cli.Main", "run", "--bootstrap-server", stack.bootstrapServers(),
                "--schema-registry-url", stack.registryUrl(), "--data-dir", dir.resolve("data").toString(),
                "--archives", archivesFile.toString(), "--follow", "--interval", "3s", "--quiet",
                "--out", out.toString(), "--format", "text");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    private void await(String what, BooleanSupplier done, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!done.getAsBoolean()) {
            assertTrue(child.isAlive(), "the child died waiting for " + what + ": " + childLog());
            assertTrue(System.nanoTime() < deadline, "waited 5 min for " + what + " (log: " + dir.resolve("child.log") + ")");
            Thread.sleep(1000);
        }
    }

    /** The rounds that published nothing, after the first that did: their figures by name. */
    private List<Map<String, Long>> idleRounds() {
        List<Map<String, Long>> rounds = new ArrayList<>();
        boolean published = false;
        for (String line : childLog().split("\n")) {
            Matcher m = ROUND.matcher(line);
            if (!m.find()) {
                continue;
            }
            long messages = Long.parseLong(m.group(2));
            published |= messages > 0;
            if (published && messages == 0) {
                Map<String, Long> round = new TreeMap<>();
                String[] names = {"archives", "messages", "wall_ms", "worker_cpu_ms", "process_cpu_ms", "threads", "heap_used_mb"};
                for (int i = 0; i < names.length; i++) {
                    round.put(names[i], Long.parseLong(m.group(i + 1)));
                }
                rounds.add(round);
            }
        }
        return rounds;
    }

    private String childLog() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static List<Path> digestFiles(Path out) {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".txt")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long rssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return -1;
    }
}
