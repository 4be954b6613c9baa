package dev.maildigest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.config.UserError;

/** Who may write to a registry: anyone, users of an auth file, or nobody. */
class RegistryAccessTest {
    @TempDir
    Path dir;

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void usersOfTheAuthFileMayWriteOthersGet401() throws Exception {
        Path file = Files.writeString(dir.resolve("users"), "# writers\n\nalice:s3cret:with:colons\nbob:pw\n");
        RegistryAccess access = RegistryAccess.usersOf(file);
        assertNull(access.refusal(basic("alice:s3cret:with:colons")));
        assertNull(access.refusal("basic " + Base64.getEncoder().encodeToString("bob:pw".getBytes(StandardCharsets.UTF_8))));
        assertEquals(401, access.refusal(basic("bob:wrong")).status);
        assertEquals(401, access.refusal(null).status);
        assertEquals(401, access.refusal("Bearer abc").status);
        assertEquals(401, access.refusal("Basic !!!not-base64").status);
    }

    @Test
    void aBadAuthFileIsOneReadableError() throws Exception {
        Path noColon = Files.writeString(dir.resolve("bad"), "alice\n");
        assertTrue(assertThrows(UserError.class, () -> RegistryAccess.usersOf(noColon)).getMessage().contains("line 1: expected user:password"));
        Path empty = Files.writeString(dir.resolve("empty"), "# nobody\n");
        assertTrue(assertThrows(UserError.class, () -> RegistryAccess.usersOf(empty)).getMessage().contains("names no user"));
        assertTrue(assertThrows(UserError.class, () -> RegistryAccess.usersOf(dir.resolve("missing"))).getMessage()
                .startsWith("cannot read the auth file"));
    }

    @Test
    void aReadOnlyRegistryRefusesWritesWithConfluentsCodeAndStillAnswersReads() throws Exception {
        RegistryServerSettings settings = new RegistryServerSettings("127.0.0.1", 0, RegistryServerSettings.DEFAULT_IDLE_TIMEOUT,
                RegistryServerSettings.DEFAULT_REQUEST_TIMEOUT, RegistryServerSettings.DEFAULT_THREADS, RegistryAccess.readOnly());
        try (EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(new InMemorySchemaLog(), settings)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> write = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/s-value/versions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(422, write.statusCode());
            assertTrue(write.body().contains("\"error_code\":42205"), write.body());
            HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/config"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"NONE\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(422, config.statusCode());
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, read.statusCode());
            assertEquals("[]", read.body());
        }
    }
}
