package dev.maildigest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.maildigest.ingest.InboxRepo;

/** {@code pipeline bench} on a small generated archive and the real embedded stack: the figures add up. */
class BenchCommandIT {
    private static final int MAILS = 120;

    @TempDir
    Path dir;

    @Test
    void measuresOnePassOfTheWholeArchiveAfterTheWarmUp() throws Exception {
        Path archive = archive();
        JsonNode figures = bench("--archive", archive.toString(), "--max-range", "50", "--warm-up",
                "--latency-probes", "2", "--interval", "200ms", "--data-dir", dir.resolve("bench").toString());

        assertTrue(figures.path("warm_up").asBoolean());
        assertEquals(MAILS, figures.path("messages").asInt());
        assertEquals(3, figures.path("ranges").asInt(), "50 + 50 + 20 commits");
        assertEquals(3, figures.path("digests").asInt(), "one digest per range, the warm-up's not counted");
        assertEquals(MAILS, figures.path("messages_in_digests").asInt());
        double wall = figures.path("wall_s").asDouble();
        assertEquals(Math.round(MAILS / wall), figures.path("msgs_per_s").asLong(), 1);
        double firstDigest = figures.path("first_digest_s").asDouble();
        assertTrue(firstDigest > 0 && firstDigest <= wall, "first digest within the run: " + figures);
        assertTrue(figures.path("parse_msgs_per_s").asLong() > 0 && figures.path("aggregate_msgs_per_s").asLong() > 0);

        assertEquals(2, figures.path("latency_probes").asInt());
        double median = figures.path("latency_median_s").asDouble();
        assertTrue(median > 0 && median <= figures.path("latency_max_s").asDouble(), "latency figures: " + figures);

        long peakHeap = figures.path("peak_heap_mb").asLong();
        assertTrue(peakHeap > 0 && peakHeap <= figures.path("max_heap_mb").asLong(), "heap figures: " + figures);
        assertTrue(figures.path("cpu_s").asDouble() > 0);
        double startup = figures.path("startup_cpu_s").asDouble();
        assertTrue(startup > 0 && startup < figures.path("cpu_s").asDouble(), "start-up is part of the pass's CPU: " + figures);
        assertTrue(figures.path("cpu_ms_per_msg_after_startup").asDouble() > 0, "figures: " + figures);
        assertTrue(Files.isDirectory(dir.resolve("bench/warm-up")) && Files.isDirectory(dir.resolve("bench/measured")),
                "each pass on its own broker data");
    }

    @Test
    void parseOnlyParsesEveryMessageOnAllCores() throws Exception {
        JsonNode figures = bench("--archive", archive().toString(), "--parse-only");

        assertEquals(MAILS, figures.path("messages").asInt());
        assertEquals(0, figures.path("parse_failures").asInt());
        assertEquals(Runtime.getRuntime().availableProcessors(), figures.path("threads").asInt());
        assertTrue(figures.path("msgs_per_s").asLong() > 0);
    }

    private Path archive() throws Exception {
        Path gitDir = dir.resolve("inbox/git/0.git");
        try (InboxRepo repo = InboxRepo.create(gitDir)) {
            for (int n = 1; n <= MAILS; n++) {
                repo.add(patch(n));
            }
        }
        return gitDir;
    }

    private static String patch(int n) {
        return "From: Dev " + n % 7 + " <dev" + n % 7 + "@widgets.example>\n"
                + "To: widgets@lists.example.org\n"
                + "Subject: [PATCH v2 " + n + "/" + MAILS + "] widgets: tighten bolt " + n + "\n"
                + "Date: Fri, 27 Nov 2026 09:" + String.format("%02d:%02d", n / 60, n % 60) + " +0000\n"
                + "Message-ID: <bolt-" + n + "@widgets.example>\n"
                + "\n"
                + "Bolt " + n + " came loose under load; tighten it.\n"
                + "\n"
                + "Signed-off-by: Dev " + n % 7 + " <dev" + n % 7 + "@widgets.example>\n"
                + "---\n"
                + " bolts.c | 2 +-\n"
                + " 1 file changed, 1 insertion(+), 1 deletion(-)\n";
    }

    private static JsonNode bench(String... args) throws Exception {
        StringWriter out = new StringWriter();
        String[] command = new String[args.length + 2];
        command[0] = "bench";
        System.arraycopy(args, 0, command, 1, args.length);
        command[command.length - 1] = "--json";
        int exit = Main.commandLine().setOut(new PrintWriter(out)).execute(command);
        assertEquals(0, exit, out.toString());
        return new ObjectMapper().readTree(out.toString());
    }
}
