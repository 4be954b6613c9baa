package dev.maildigest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

import dev.maildigest.config.UserError;

/** What every server of the project has unless told otherwise, and how it says it cannot start. */
class HttpServerTest {
    /** A handler belongs to one server: each gets its own. */
    private static Handler hello() {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.write(true, ByteBuffer.wrap("hello\n".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        };
    }

    @Test
    void bindsLoopbackUnlessToldOtherwiseAndAnswers() throws Exception {
        try (HttpServer server = HttpServer.named("test", "greetings").handler(hello()).start()) {
            assertEquals("127.0.0.1", server.host());
            HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("hello\n", reply.body());
            assertEquals(null, reply.headers().firstValue("Server").orElse(null), "no server version told");
        }
    }

    @Test
    void aPortInUseIsOneLineNamingWhatCannotBeServed() {
        try (HttpServer first = HttpServer.named("test", "greetings").handler(hello()).start()) {
            UserError error = assertThrows(UserError.class,
                    () -> HttpServer.named("test", "greetings").port(first.port()).handler(hello()).start());
            assertEquals("cannot serve greetings on 127.0.0.1:" + first.port(), error.getMessage().split(": ")[0]);
        }
    }

    @Test
    void listenAddressesAsTheCommandsTakeThem() {
        assertEquals(new ListenAddress("0.0.0.0", 8080), ListenAddress.parse(":8080"));
        assertEquals(new ListenAddress("::1", 8081), ListenAddress.parse("[::1]:8081"));
        assertEquals("--listen wants HOST:PORT, got '8080'",
                assertThrows(UserError.class, () -> ListenAddress.parse("8080")).getMessage());
        assertEquals("--listen wants HOST:PORT with a port from 0 to 65535, got 'h:70000'",
                assertThrows(UserError.class, () -> ListenAddress.parse("h:70000")).getMessage());
    }
}
