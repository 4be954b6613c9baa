package dev.maildigest.http;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Function;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.config.UserError;

/**
 * The one way this project serves HTTP (the Schema Registry, the ops endpoint, {@code serve}):
 * Jetty on a bounded pool, bound to {@value #DEFAULT_HOST} unless told otherwise, connections that
 * send nothing for the idle timeout closed, no server version, error pages without stacks.
 *
 * <p>Jetty rather than the JDK's server: Jetty parses headers and waits for bodies without holding
 * a thread and has an idle (read) timeout, so a client that connects and stalls costs a connection
 * for a while, never the threads that answer everyone else. What differs between the servers
 * (URI rules, error bodies, request limits) is said on the {@link Builder}.
 */
public final class HttpServer implements AutoCloseable {
    /** Loopback unless the operator says otherwise. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Jetty keeps one thread to accept and one to select; fewer than this leaves none to answer. */
    public static final int MIN_THREADS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Server server;
    private final String name;
    private final String host;
    private final int port;

    private HttpServer(Server server, String name, String host, int port) {
        this.server = server;
        this.name = name;
        this.host = host;
        this.port = port;
    }

    /**
     * A server whose threads are called {@code name}-http, serving {@code what} (for the one line
     * a user reads when it cannot start: "cannot serve metrics on ...").
     */
    public static Builder named(String name, String what) {
        return new Builder(name, what);
    }

    /** The port listened on: the one chosen when asked for port 0. Still told after {@link #close()}. */
    public int port() {
        return port;
    }

    public String host() {
        return host;
    }

    /** {@code http://HOST:PORT}, the host as bound (an IPv6 address in brackets). */
    public String url() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("{} http stop failed", name, e);
        }
    }

    /** How one server is built; every setting has a default that is safe beyond loopback too. */
    public static final class Builder {
        private final String name;
        private final String what;
        private String host = DEFAULT_HOST;
        private int port;
        private int maxThreads = 16;
        private int minThreads = MIN_THREADS;
        private Duration idleTimeout = Duration.ofSeconds(10);
        private int requestHeaderBytes = 8 * 1024;
        private long minRequestBytesPerSecond;
        private int maxConnections;
        private int acceptQueue;
        private int maxRequests;
        private int waitingRequests;
        private Duration maxWait = Duration.ZERO;
        private UriCompliance uriCompliance = UriCompliance.DEFAULT;
        private ErrorHandler errors = plainErrors();
        private Function<Executor, Handler> handler;

        private Builder(String name, String what) {
            this.name = name;
            this.what = what;
        }

        /** Address to bind; {@value HttpServer#DEFAULT_HOST} unless set. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The whole pool, acceptor and selector included: at least {@link #MIN_THREADS}. */
        public Builder threads(int min, int max) {
            if (max < MIN_THREADS || min < 1 || min > max) {
                throw new IllegalArgumentException("threads must be at least " + MIN_THREADS + ", not " + max);
            }
            this.minThreads = min;
            this.maxThreads = max;
            return this;
        }

        /** A connection that sends nothing for this long is closed, mid-request or idle between requests. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** A client that sends its request slower than this is cut off (slowloris); off unless set. */
        public Builder minRequestDataRate(long bytesPerSecond) {
            this.minRequestBytesPerSecond = bytesPerSecond;
            return this;
        }

        /** Open connections at most; past that Jetty stops accepting until one closes. Off unless set. */
        public Builder maxConnections(int maxConnections, int acceptQueue) {
            this.maxConnections = maxConnections;
            this.acceptQueue = acceptQueue;
            return this;
        }

        /**
         * Bounds the work, not just the threads: {@code running} requests at once, {@code waiting}
         * more for at most {@code maxWait}, the rest told 503 to come back. Off unless set.
         */
        public Builder requestLimit(int running, int waiting, Duration maxWait) {
            this.maxRequests = running;
            this.waitingRequests = waiting;
            this.maxWait = maxWait;
            return this;
        }

        /** Jetty's URI rules, its strict default unless set. */
        public Builder uriCompliance(UriCompliance uriCompliance) {
            this.uriCompliance = uriCompliance;
            return this;
        }

        /** What Jetty answers itself (a malformed request, headers too large...); plain text unless set. */
        public Builder errors(ErrorHandler errors) {
            this.errors = errors;
            return this;
        }

        public Builder handler(Handler handler) {
            return handler(workers -> handler);
        }

        /** A handler that hands work to the server's own bounded pool, given to it here. */
        public Builder handler(Function<Executor, Handler> handler) {
            this.handler = handler;
            return this;
        }

        /** Listens and answers; a port taken or a host that cannot be bound is a {@link UserError}. */
        public HttpServer start() {
            if (handler == null) {
                throw new IllegalStateException("no handler for " + name);
            }
            QueuedThreadPool pool = new QueuedThreadPool(maxThreads, minThreads);
            pool.setName(name + "-http");
            pool.setDaemon(true);
            Server server = new Server(pool);
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            http.setRequestHeaderSize(requestHeaderBytes);
            http.setIdleTimeout(idleTimeout.toMillis());
            http.setUriCompliance(uriCompliance);
            if (minRequestBytesPerSecond > 0) {
                http.setMinRequestDataRate(minRequestBytesPerSecond);
            }
            ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            connector.setIdleTimeout(idleTimeout.toMillis());
            if (acceptQueue > 0) {
                connector.setAcceptQueueSize(acceptQueue);
            }
            server.addConnector(connector);
            if (maxConnections > 0) {
                server.addBean(new NetworkConnectionLimit(maxConnections, server));
            }
            server.setErrorHandler(errors);
            Handler answers = handler.apply(pool);
            if (maxRequests > 0) {
                QoSHandler bounded = new QoSHandler(answers);
                bounded.setMaxRequestCount(maxRequests);
                bounded.setMaxSuspendedRequestCount(waitingRequests);
                bounded.setMaxSuspend(maxWait);
                answers = bounded;
            }
            server.setHandler(answers);
            try {
                server.start();
            } catch (Exception e) {
                try {
                    server.stop();
                } catch (Exception ignored) {
                    // the start's failure is the one to tell
                }
                throw new UserError("cannot serve " + what + " on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            return new HttpServer(server, name, host, connector.getLocalPort());
        }

        private static ErrorHandler plainErrors() {
            ErrorHandler errors = new ErrorHandler();
            errors.setShowStacks(false);
            errors.setShowCauses(false);
            errors.setShowMessageInTitle(false);
            errors.setDefaultResponseMimeType("text/plain");
            return errors;
        }
    }
}
