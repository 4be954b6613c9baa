package dev.maildigest.ingest;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tests only: Debian's {@code public-inbox-httpd}, the server lore runs, serving one generated v2
 * inbox on loopback. The inbox folder holds its epochs ({@code git/0.git}...) before it starts;
 * {@code public-inbox-init} adds what the server needs around them. Commits added to an epoch later
 * are served at once (every git request runs git afresh).
 */
final class PublicInboxHttpd implements AutoCloseable {
    static final String MISSING = "public-inbox-httpd is not installed (Debian: apt-get install -y public-inbox)";

    private final Process server;
    private final String root;
    private final String url;

    /** Whether the server can run here. */
    static boolean installed() {
        String path = System.getenv().getOrDefault("PATH", "");
        return List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "public-inbox-httpd")) && Files.isExecutable(Path.of(dir, "public-inbox-init")));
    }

    /** Serves {@code inbox} as {@code http://127.0.0.1:PORT/<name>}; its config and log go in {@code work}. */
    PublicInboxHttpd(Path inbox, String name, Path work) throws IOException, InterruptedException {
        this(java.util.Map.of(name, inbox), work);
    }

    /**
     * Serves each inbox as {@code http://127.0.0.1:PORT/<name>}, and the server's manifest of them
     * all as {@code http://127.0.0.1:PORT/manifest.js.gz}; the first in name order is {@link #url()}.
     */
    PublicInboxHttpd(java.util.Map<String, Path> inboxes, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        root = "http://127.0.0.1:" + port + "/";
        Path config = work.resolve("config");
        for (var inbox : new java.util.TreeMap<>(inboxes).entrySet()) {
            String name = inbox.getKey();
            ProcessBuilder initializer = new ProcessBuilder("public-inbox-init", "-V2", name, inbox.getValue().toString(), root + name,
                    name + "@lists.example.org").redirectErrorStream(true).redirectOutput(work.resolve("init-" + name + ".log").toFile());
            initializer.environment().put("PI_CONFIG", config.toString());
            Process init = initializer.start();
            if (!init.waitFor(60, TimeUnit.SECONDS) || init.exitValue() != 0) {
                throw new IOException("public-inbox-init failed: " + Files.readString(work.resolve("init-" + name + ".log")));
            }
        }
        url = root + new java.util.TreeMap<>(inboxes).firstKey();
        ProcessBuilder httpd = new ProcessBuilder("public-inbox-httpd", "-l", "http://127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(work.resolve("httpd.log").toFile());
        httpd.environment().put("PI_CONFIG", config.toString());
        server = httpd.start();
        awaitServing(work);
    }

    private void awaitServing(Path work) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url + "/0/info/refs?service=git-upload-pack"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!server.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        close();
        throw new IOException("public-inbox-httpd did not serve " + url + ": " + Files.readString(work.resolve("httpd.log")));
    }

    String url() {
        return url;
    }

    /** The server root, {@code http://127.0.0.1:PORT/}. */
    String root() {
        return root;
    }

    @Override
    public void close() {
        // The master stops its workers on TERM; any left over go with it.
        List<ProcessHandle> workers = server.descendants().toList();
        server.destroy();
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.forEach(ProcessHandle::destroyForcibly);
    }
}
