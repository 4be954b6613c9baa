package dev.maildigest.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.maildigest.cli.Main;

/**
 * The acceptance of issue 8 on the real thing: {@code pipeline.jar run --follow} as its own process
 * (embedded broker and registry, --metrics-port), scraped over HTTP while mail arrives, then
 * {@code pipeline status --json} against its broker once the digests are out.
 */
class RunOpsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(240);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void countersMoveWhileARunFollowsAnArchiveAndStatusShowsTheFinishedWork() throws Exception {
        Path jar = Path.of("target", "pipeline.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "built by the package phase before the integration tests: " + jar);
        Path mbox = dir.resolve("gadgets.mbox");
        Files.writeString(mbox, mails(1, 4), StandardCharsets.UTF_8);
        int kafkaPort = freePort();
        int registryPort = freePort();
        int metricsPort = freePort();
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Process run = new ProcessBuilder(javaBin, "-Xmx512m", "-jar", jar.toString(), "run", "--follow", "--interval", "1s",
                "--quiet", "--stream-threads", "1", "--data-dir", dir.resolve("data").toString(),
                "--kafka-port", String.valueOf(kafkaPort), "--registry-port", String.valueOf(registryPort),
                "--metrics-port", String.valueOf(metricsPort), "--name", "gadgets", mbox.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile())
                .start();
        try {
            String metrics = "http://127.0.0.1:" + metricsPort;
            String first = awaitScrape(metrics, run, text -> digests(text) >= 1);
            assertEquals(4.0, ingested(first));

            Files.writeString(mbox, mails(5, 2), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            String second = awaitScrape(metrics, run, text -> digests(text) >= 2);
            assertEquals(6.0, ingested(second), "the counter moved with the new mail");
            assertTrue(PrometheusText.value(second, "maildigest_messages_parsed_total", "") >= 6);
            assertTrue(second.contains("kafka_producer_record_send_total{"), "the ingester's producer is bound");
            assertTrue(second.contains("kafka_stream_"), "the Streams application is bound");

            HttpResponse<String> health = get(metrics + "/health");
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("UP", JSON.readTree(health.body()).path("status").asText());

            JsonNode status = awaitStatus(kafkaPort, registryPort, run);
            assertEquals(6, topic(status, "mail.raw").path("records").asLong());
            assertTrue(topic(status, "mail.raw").path("exact").asBoolean());
            assertEquals(2, topic(status, "mail.digests.text").path("records").asLong());
            assertEquals(0, topic(status, "mail.dead-letters").path("records").asLong());
            JsonNode archive = status.path("archives").get(0);
            assertEquals("gadgets", archive.path("list").asText());
            assertEquals(6, archive.path("published").asLong());
            assertEquals(2, archive.path("ranges").asLong());
            assertTrue(status.path("lastDigest").path("key").asText().contains("gadgets"), status.toString());
        } finally {
            run.destroy(); // SIGTERM: the run's shutdown hook closes its stages and broker
            if (!run.waitFor(60, TimeUnit.SECONDS)) {
                run.destroyForcibly();
            }
        }
    }

    /** Scrapes until {@code done} holds, failing with the run's log if it does not in time. */
    private String awaitScrape(String base, Process run, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline && run.isAlive()) {
            try {
                HttpResponse<String> response = get(base + "/metrics");
                if (response.statusCode() == 200 && done.test(response.body())) {
                    return response.body();
                }
            } catch (IOException notServingYet) {
                // the run is still starting its broker
            }
            Thread.sleep(300);
        }
        return fail("metrics did not get there in time; run log:\n" + log());
    }

    /** `pipeline status --json` until every stage's group has caught up (commits land shortly after the digests). */
    private JsonNode awaitStatus(int kafkaPort, int registryPort, Process run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline && run.isAlive()) {
            StringWriter out = new StringWriter();
            int exit = Main.commandLine().setOut(new PrintWriter(out)).execute("status", "--json",
                    "--bootstrap-server", "127.0.0.1:" + kafkaPort, "--schema-registry-url", "http://127.0.0.1:" + registryPort);
            assertEquals(0, exit);
            status = JSON.readTree(out.toString());
            boolean caughtUp = status.path("groups").size() >= 2;
            for (JsonNode group : status.path("groups")) {
                caughtUp &= group.path("lag").asLong() == 0;
            }
            if (caughtUp) {
                return status;
            }
            Thread.sleep(500);
        }
        return fail("lag did not reach 0: " + status + "\nrun log:\n" + log());
    }

    private static JsonNode topic(JsonNode status, String name) {
        for (JsonNode topic : status.path("topics")) {
            if (topic.path("name").asText().equals(name)) {
                return topic;
            }
        }
        return fail("no topic " + name + " in " + status);
    }

    private static double ingested(String metrics) {
        return PrometheusText.value(metrics, "maildigest_messages_ingested_total", "list=\"gadgets\"");
    }

    private static double digests(String metrics) {
        double value = PrometheusText.value(metrics, "maildigest_digests_emitted_total", "");
        return Double.isNaN(value) ? 0 : value;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String log() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("run.log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Mails {@code from}..{@code from+count-1} of a made-up gadgets list: patches and a reply. */
    private static String mails(int from, int count) {
        List<String> out = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            boolean reply = n % 3 == 0;
            out.add("From gadgets@z Thu Jan  1 00:00:00 1970\n"
                    + "From: Carol Tinker <carol@gadgets.example>\n"
                    + "To: gadgets@lists.example.org\n"
                    + "Subject: " + (reply ? "Re: " : "") + "[PATCH] gizmo: tighten spring number " + n + "\n"
                    + "Message-ID: <gizmo-" + n + "@gadgets.example>\n"
                    + "Date: Wed, 4 Jun 2025 09:0" + (n % 10) + ":00 +0000\n"
                    + "List-Id: <gadgets.lists.example.org>\n"
                    + "\n"
                    + "The spring loses tension after a few thousand turns; a tighter coil keeps it.\n"
                    + "\n"
                    + "Signed-off-by: Carol Tinker <carol@gadgets.example>\n"
                    + "\n");
        }
        return String.join("", out);
    }
}
