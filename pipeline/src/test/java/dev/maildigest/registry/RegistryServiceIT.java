package dev.maildigest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.maildigest.embedded.EmbeddedKafka;
import dev.maildigest.testing.PipelineProcess;

/**
 * `pipeline registry` as a service: two instances in processes of their own on one broker, one
 * open to writes, the other asking writes for basic auth and closing idle connections after 2 s.
 */
class RegistryServiceIT {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_INFO = "ci-writer:correct horse battery";
    private static final int STALLED = 40;

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static PipelineProcess open;
    static PipelineProcess guarded;
    static String openUrl;
    static String guardedUrl;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void startBrokerAndRegistries() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        Path users = dir.resolve("users");
        Files.writeString(users, "# who may register schemas\n" + USER_INFO + "\nsecond:other-secret\n");
        open = PipelineProcess.start(dir, "open", "registry", "--bootstrap-server", kafka.bootstrapServers(),
                "--listen", "127.0.0.1:0");
        guarded = PipelineProcess.start(dir, "guarded", "registry", "--bootstrap-server", kafka.bootstrapServers(),
                "--listen", "127.0.0.1:0", "--auth-file", users.toString(), "--idle-timeout", "2s", "--request-timeout", "4s",
                "--threads", "6");
        openUrl = open.await(LISTENING, Duration.ofSeconds(120));
        guardedUrl = guarded.await(LISTENING, Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopAll() throws Exception {
        try {
            if (open != null) {
                open.close();
            }
            if (guarded != null) {
                guarded.close();
            }
        } finally {
            kafka.close();
        }
    }

    @Test
    void twoInstancesRegisteringAtOnceHandOutDistinctIdsAndAgree() throws Exception {
        List<RestSchemaRegistry> clients = List.of(new RestSchemaRegistry(openUrl, null), new RestSchemaRegistry(guardedUrl, USER_INFO));
        Schema shared = record("together", "Shared");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Map<Integer, Schema>>> sides = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < 2; c++) {
            RestSchemaRegistry client = clients.get(c);
            String side = "side" + c;
            sides.add(pool.submit(() -> {
                Map<Integer, Schema> mine = new HashMap<>();
                go.await();
                for (int i = 0; i < 10; i++) {
                    Schema schema = record(side, "R" + i);
                    mine.put(client.register(side + "-" + i + "-value", schema), schema);
                    if (i == 5) {
                        mine.put(client.register(side + "-shared-value", shared), shared);
                    }
                }
                return mine;
            }));
        }
        go.countDown();
        Map<Integer, Schema> first = sides.get(0).get();
        Map<Integer, Schema> second = sides.get(1).get();
        long millis = (System.nanoTime() - started) / 1_000_000;
        pool.shutdown();

        Map<Integer, Schema> all = new HashMap<>(first);
        second.forEach((id, schema) -> {
            Schema other = all.put(id, schema);
            assertTrue(other == null || other.equals(schema), "id " + id + " given to " + schema.getFullName() + " and " + other);
        });
        assertEquals(21, all.size(), "20 schemas of their own and one registered on both sides");
        assertEquals(first.entrySet().stream().filter(e -> e.getValue().equals(shared)).findFirst().orElseThrow().getKey(),
                second.entrySet().stream().filter(e -> e.getValue().equals(shared)).findFirst().orElseThrow().getKey(),
                "the same schema has the same id on both instances");
        for (String url : List.of(openUrl, guardedUrl)) {
            RestSchemaRegistry fresh = new RestSchemaRegistry(url, null);
            all.forEach((id, schema) -> assertEquals(schema, fresh.byId(id), url + " agrees on id " + id));
        }
        long retries = (open.output() + guarded.output()).lines().filter(l -> l.contains("schema log write retried")).count();
        System.out.printf("RegistryServiceIT: 2 instances registered 22 schemas at once in %d ms, ids %s, no conflict,"
                + " %d writes retried after being fenced%n", millis, new java.util.TreeSet<>(all.keySet()), retries);
    }

    @Test
    void writesNeedAUserOfTheAuthFileReadsDoNot() throws Exception {
        String body = JSON.createObjectNode().put("schema", record("auth", "Guarded").toString()).toString();
        Reply anonymous = send("POST", guardedUrl + "/subjects/auth-value/versions", body, null);
        assertEquals(401, anonymous.status);
        assertEquals(401, anonymous.json.path("error_code").asInt());
        assertTrue(anonymous.wwwAuthenticate.startsWith("Basic realm="), anonymous.wwwAuthenticate);
        assertEquals(401, send("POST", guardedUrl + "/subjects/auth-value/versions", body, "ci-writer:wrong").status);
        assertEquals(401, send("PUT", guardedUrl + "/config", "{\"compatibility\":\"NONE\"}", null).status,
                "changing compatibility for everyone is a write too");
        assertEquals(404, send("GET", guardedUrl + "/subjects/auth-value/versions", null, null).status, "nothing was registered");

        Reply registered = send("POST", guardedUrl + "/subjects/auth-value/versions", body, USER_INFO);
        assertEquals(200, registered.status, registered.json.toString());
        int id = registered.json.path("id").asInt();
        Reply read = send("GET", guardedUrl + "/schemas/ids/" + id, null, null);
        assertEquals(200, read.status, "reads need no credentials");
        assertEquals(200, send("GET", openUrl + "/subjects/auth-value/versions/latest", null, null).status,
                "the other instance serves it too");
        assertEquals(200, send("POST", guardedUrl + "/subjects/auth-value", body, null).status,
                "looking a schema up is a read");
    }

    @Test
    void badPathsAnswerWithConfluentErrorCodes() throws Exception {
        assertError(404, 404, send("GET", openUrl + "/schemas/ids/abc", null, null));
        assertError(404, 40403, send("GET", openUrl + "/schemas/ids/999999", null, null));
        assertError(404, 404, send("GET", openUrl + "/no/such/thing", null, null));
        assertError(404, 40401, send("GET", openUrl + "/subjects/never-registered/versions", null, null));
        assertError(422, 42202, send("GET", openUrl + "/subjects/x/versions/abc", null, null));
        assertError(405, 405, send("DELETE", openUrl + "/subjects", null, null));
        assertError(400, 400, send("POST", openUrl + "/subjects/x/versions", "not json", null));
        assertError(422, 42201, send("POST", openUrl + "/subjects/x/versions", "{\"schema\":\"{nope\"}", null));
        // What Jetty refuses before the API sees it is JSON too: a request line with a bad escape.
        String raw = rawExchange(openUrl, "GET /subjects/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
        assertTrue(raw.contains("\"error_code\":400"), raw);
    }

    @Test
    void stalledClientsDoNotDelayOthers() throws Exception {
        RestSchemaRegistry client = new RestSchemaRegistry(guardedUrl, USER_INFO);
        client.register("slow-value", record("slow", "Slow"));
        URI uri = URI.create(guardedUrl);
        send("GET", guardedUrl + "/subjects", null, null); // warm: classes loaded, connection pool up

        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED; i++) {
                Socket s = new Socket(uri.getHost(), uri.getPort());
                OutputStream out = s.getOutputStream();
                if (i % 2 == 0) { // headers of a write, then nothing of its body
                    out.write(("POST /subjects/slow-value/versions HTTP/1.1\r\nHost: x\r\nAuthorization: Basic "
                            + Base64.getEncoder().encodeToString(USER_INFO.getBytes(StandardCharsets.UTF_8))
                            + "\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"sch").getBytes(StandardCharsets.US_ASCII));
                } else { // half a request line
                    out.write("GET /subj".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                stalled.add(s);
            }
            Thread.sleep(500); // let the server take them all in

            long before = System.nanoTime();
            Reply reply = send("GET", guardedUrl + "/subjects/slow-value/versions/latest", null, null);
            long millis = (System.nanoTime() - before) / 1_000_000;
            assertEquals(200, reply.status);
            assertEquals("slow-value", reply.json.path("subject").asText());
            System.out.printf("RegistryServiceIT: GET answered in %d ms with %d stalled connections open (6 threads)%n", millis, STALLED);
            assertTrue(millis < 1000, "answered in " + millis + " ms beside " + STALLED + " stalled clients");

            // The stalled ones are let go: the half-sent bodies answered 408, the rest closed, after the idle timeout.
            int answered408 = 0;
            for (Socket s : stalled) {
                s.setSoTimeout(30_000);
                String rest = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                if (rest.startsWith("HTTP/1.1 408")) {
                    answered408++;
                }
            }
            assertEquals(STALLED / 2, answered408, "each half-sent write answered 408 Request Timeout");
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    private static Schema record(String namespace, String name) {
        return SchemaBuilder.record(name).namespace("test.service." + namespace).fields().requiredString("text").endRecord();
    }

    private record Reply(int status, JsonNode json, String wwwAuthenticate) {
    }

    private Reply send(String method, String url, String body, String userInfo) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", RegistryHttpApi.CONTENT_TYPE);
        if (userInfo != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Reply(response.statusCode(), json, response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    private static void assertError(int status, int errorCode, Reply reply) {
        assertEquals(status, reply.status, reply.json.toString());
        assertEquals(errorCode, reply.json.path("error_code").asInt(), reply.json.toString());
        assertTrue(reply.json.path("message").isTextual(), reply.json.toString());
    }

    private static String rawExchange(String baseUrl, String request) throws IOException {
        URI uri = URI.create(baseUrl);
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = s.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
        }
    }
}
