package dev.maildigest.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.state.HostInfo;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Requests to the other {@code serve} instances of the application, found at their
 * {@code application.server} addresses: a page whose list another instance owns, and the lists
 * of each instance for the front page. A forwarded request carries {@link #FORWARDED}, and is
 * never forwarded again (no loops while instances disagree during a rebalance).
 */
final class Peers {
    static final String FORWARDED = "X-Maildigest-Forwarded";

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Duration timeout;

    Peers(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * The page at {@code pathAndQuery} as {@code peer} answers it.
     *
     * @param ifNoneMatch the client's If-None-Match, passed on, or null
     */
    Page get(HostInfo peer, String pathAndQuery, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + authority(peer) + pathAndQuery))
                .timeout(timeout).header(FORWARDED, "1").GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> headers = new HashMap<>();
        for (String name : List.of("Location", "Retry-After", "ETag")) {
            response.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
        }
        String type = response.headers().firstValue("Content-Type").orElse(Page.TEXT);
        return new Page(response.statusCode(), type, response.body(), headers);
    }

    /** The lists {@code peer} serves. */
    List<ListSummary> lists(HostInfo peer) throws IOException, InterruptedException {
        Page page = get(peer, Route.LISTS_JSON_PATH, null);
        if (page.status() != 200) {
            throw new IOException(authority(peer) + " answered " + page.status());
        }
        return JsonSerde.MAPPER.readValue(page.body(), new TypeReference<List<ListSummary>>() { });
    }

    private static String authority(HostInfo host) {
        return (host.host().contains(":") ? "[" + host.host() + "]" : host.host()) + ":" + host.port();
    }
}
