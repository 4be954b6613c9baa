package dev.maildigest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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

    @Test
    void aTwentyMegabyteBodyIs413() throws Exception {
        HttpResponse<String> reply = post(HttpRequest.BodyPublishers.ofByteArray(new byte[TWENTY_MB]));
        assertEquals(413, reply.statusCode());
        assertTrue(reply.body().contains("\"error_code\":413"), reply.body());
    }

    @Test
    void aChunkedBodyPastTheLimitIs413() throws Exception {
        HttpResponse<String> reply = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[TWENTY_MB])));
        assertEquals(413, reply.statusCode());
        assertTrue(reply.body().contains("\"error_code\":413"), reply.body());
        assertEquals("[]", http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString()).body(), "nothing registered, and the registry still answers");
    }
}
