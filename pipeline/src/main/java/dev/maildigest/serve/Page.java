package dev.maildigest.serve;

import java.util.Map;

/** A response before it is sent: status, type, body and any further headers. */
record Page(int status, String contentType, String body, Map<String, String> headers) {
    static final String HTML = "text/html; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    static Page ok(String contentType, String body) {
        return new Page(200, contentType, body, Map.of());
    }

    static Page notFound(String what) {
        return new Page(404, TEXT, what + "\n", Map.of());
    }

    static Page unavailable(String why) {
        return new Page(503, TEXT, why + "\n", Map.of("Retry-After", "2"));
    }

    static Page redirect(String location) {
        return new Page(301, TEXT, "moved to " + location + "\n", Map.of("Location", location));
    }
}
