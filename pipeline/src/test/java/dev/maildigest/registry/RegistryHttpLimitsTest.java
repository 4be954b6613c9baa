package dev.maildigest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Oversized bodies are refused with Confluent's error JSON, whether their length is announced or not. */
class RegistryHttpLimitsTest {
    private static final int TWENTY_MB = 20 * 1024 * 1024;

    private EmbeddedSchemaRegistry registry;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        registry = new EmbeddedSchemaRegistry(new InMemorySchemaLog(), 0);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/big-value/versions"))
                .header("Content-Type", RegistryHttpApi.CONTENT_TYPE).POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Only the headers are sent: the announced length alone must be refused, at once. (A client that
     * goes on writing the 20 MB may see the connection closed before it reads the answer.)
     */
    @Test
    void anAnnouncedTwentyMegabyteBodyIs413BeforeItIsSent() throws Exception {
        URI uri = URI.create(registry.url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /subjects/big-value/versions HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                    + "Content-Type: " + RegistryHttpApi.CONTENT_TYPE + "\r\nContent-Length: " + TWENTY_MB + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String reply = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 413"), reply);
            assertTrue(reply.contains("\"error_code\":413"), reply);
        }
    }

    @Test
    void aChunkedBodyPastTheLimitIs413() throws Exception {
        try {
            HttpResponse<String> reply = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[TWENTY_MB])));
            assertEquals(413, reply.statusCode());
            assertTrue(reply.body().contains("\"error_code\":413"), reply.body());
        } catch (java.io.IOException closedWhileSending) {
            // The registry answered 413 and closed the connection while the client was still sending
            // the rest: the client may see the close before the answer. Refused either way.
        }
        assertEquals("[]", http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString()).body(), "nothing registered, and the registry still answers");
    }
}
