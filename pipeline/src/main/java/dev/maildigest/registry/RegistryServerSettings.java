package dev.maildigest.registry;

import java.time.Duration;

import dev.maildigest.http.HttpServer;

/**
 * How a registry serves HTTP.
 *
 * @param host           address to bind (127.0.0.1 unless the operator says otherwise)
 * @param port           0 picks a free port
 * @param idleTimeout    a connection that sends nothing for this long is closed: a client that
 *                       stalls mid-request, or an idle keep-alive
 * @param requestTimeout a request whose body has not fully arrived by then is answered 408
 * @param threads        the server's whole thread pool, its acceptor and selector included
 * @param access         who may write
 */
public record RegistryServerSettings(String host, int port, Duration idleTimeout, Duration requestTimeout,
        int threads, RegistryAccess access) {
    public static final String DEFAULT_HOST = HttpServer.DEFAULT_HOST;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_THREADS = 16;
    /** Jetty keeps one thread to accept and one to select; fewer leaves none to answer. */
    public static final int MIN_THREADS = HttpServer.MIN_THREADS;

    public RegistryServerSettings {
        if (threads < MIN_THREADS) {
            throw new IllegalArgumentException("threads must be at least " + MIN_THREADS + ", not " + threads);
        }
    }

    /** The embedded registry of `run` and of tests: loopback, defaults, open to writes. */
    public static RegistryServerSettings loopback(int port) {
        return new RegistryServerSettings(DEFAULT_HOST, port, DEFAULT_IDLE_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_THREADS, RegistryAccess.open());
    }
}
