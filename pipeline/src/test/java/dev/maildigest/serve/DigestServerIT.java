package dev.maildigest.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.avro.Digest;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.testing.TestStack;

/**
 * Two serve instances on the real broker share the lists by partition: each answers for the lists
 * the other owns, by asking it. Also what every response carries, whoever answers it.
 */
class DigestServerIT {
    private static final int LISTS = 8;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void anInstanceServesTheDigestsThatTheOtherOwns() throws Exception {
        try (TestStack stack = TestStack.start(dir.resolve("kafka"))) {
            List<Digest> digests = new ArrayList<>();
            RecordSerdes serdes = RecordSerdes.using(stack.registry());
            try (var producer = new KafkaProducer<>(stack.config().transactionalProducer("test", "test-serve"), serdes.key(), serdes.digest())) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int l = 0; l < LISTS; l++) {
                    for (int n = 0; n < 3; n++) {
                        Digest d = ServeFixtures.nth("list" + l, n);
                        digests.add(d);
                        producer.send(new ProducerRecord<>("mail.digests",
                                d.getList() + " " + d.getRange().getFirst() + ".." + d.getRange().getLast(), d));
                    }
                }
                producer.commitTransaction();
            }
            // One standby of each store: the instance that does not own a list keeps a copy of it.
            DigestServer b = DigestServer.start(stack.config(), stack.registry(), "127.0.0.1", 0, null, dir.resolve("b"), 1);
            try (DigestServer a = DigestServer.start(stack.config(), stack.registry(), "127.0.0.1", 0, null, dir.resolve("a"), 1)) {
                String aUrl = "http://127.0.0.1:" + a.port();
                String bUrl = "http://127.0.0.1:" + b.port();
                for (int l = 0; l < LISTS; l++) {
                    awaitOk(aUrl + "/list" + l + "/");
                    awaitOk(bUrl + "/list" + l + "/");
                }

                // A list whose stores the other instance holds, asked of this one.
                String foreign = null;
                for (int l = 0; l < LISTS && foreign == null; l++) {
                    KeyQueryMetadata owner = a.owner("list" + l);
                    if (owner.activeHost().equals(b.advertised())) {
                        foreign = "list" + l;
                    }
                }
                assertTrue(foreign != null, "with " + LISTS + " lists over 4 partitions, b owns at least one");
                assertNotEquals(a.advertised(), a.owner(foreign).activeHost());
                Digest d = ServeFixtures.nth(foreign, 1);
                HttpResponse<String> page = get(aUrl + "/" + foreign + "/" + d.getFirstShort() + ".." + d.getLastShort() + "/");
                assertEquals(200, page.statusCode());
                Document html = PageChecks.html(page.body());
                assertEquals(foreign.toUpperCase() + " mailing list update", html.selectFirst("h1").text());
                assertTrue(html.select("a[rel=prev]").attr("href").endsWith("/" + ServeFixtures.nth(foreign, 0).getFirstShort()
                        + ".." + ServeFixtures.nth(foreign, 0).getLastShort() + "/"), "its neighbours, from the same store");
                HttpResponse<String> feed = get(aUrl + "/" + foreign + "/atom.xml");
                assertEquals(3, PageChecks.texts(PageChecks.xml(feed.body()), "entry").size());

                // The front page gathers the lists of both instances.
                Document home = PageChecks.html(get(aUrl + "/").body());
                assertEquals(LISTS, home.select("tbody tr").size());
                assertTrue(home.select(".note").isEmpty(), "no instance missing");

                assertResponsesAreLockedDown(aUrl, foreign);

                // The owner goes away: its lists are still served, from the copy this instance kept.
                b.close();
                awaitOk(aUrl + "/" + foreign + "/" + d.getFirstShort() + ".." + d.getLastShort() + "/");
                long deadline = System.currentTimeMillis() + 120_000;
                int shown = 0;
                while (shown < LISTS && System.currentTimeMillis() < deadline) {
                    Thread.sleep(500);
                    shown = PageChecks.html(get(aUrl + "/").body()).select("tbody tr").size();
                }
                assertEquals(LISTS, shown, "once the group has moved the lists, the front page has them all again");
            } finally {
                b.close();
            }
        }
    }

    private static void assertResponsesAreLockedDown(String url, String list) throws Exception {
        HttpResponse<String> page = get(url + "/" + list + "/");
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.startsWith("default-src 'none'; style-src 'sha256-"), csp);
        assertTrue(!csp.contains("unsafe") && !csp.contains("script-src"), "no script allowed: " + csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));

        for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS", "TRACE")) {
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/" + list + "/"))
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, refused.statusCode(), method);
            assertEquals("GET, HEAD", refused.headers().firstValue("Allow").orElse(""), method);
        }
        HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/" + list + "/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());

        for (String path : List.of("/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/" + list + "/..%2F..%2Fetc%2Fpasswd", "/nosuch/")) {
            int status = get(url + path).statusCode();
            assertTrue(status == 404 || status == 400, path + " gave " + status);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (generously: the instances rebalance and restore) until the page answers 200. */
    private static void awaitOk(String url) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        int status = 0;
        while (System.currentTimeMillis() < deadline) {
            status = get(url).statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(url + " still answers " + status);
    }
}
