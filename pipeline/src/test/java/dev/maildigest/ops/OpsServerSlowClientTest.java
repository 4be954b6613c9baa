package dev.maildigest.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Clients that connect to the ops endpoint and stall do not keep a healthcheck from its answer. */
class OpsServerSlowClientTest {

    @Test
    void healthIsAnsweredBesideStalledConnections() throws Exception {
        try (OpsServer ops = OpsServer.start(0, Map.of("stream", () -> true))) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    Socket s = new Socket("127.0.0.1", ops.port());
                    s.getOutputStream().write("GET /hea".getBytes(StandardCharsets.US_ASCII)); // and nothing more
                    stalled.add(s);
                }
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode());
                assertEquals("{\"status\":\"UP\",\"stages\":{\"stream\":true}}", health.body());
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
        }
    }
}
