package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** What a mirror does when the server cannot fetch shallow. */
class RemoteMirrorTest {

    @TempDir
    Path dir;

    @Test
    void aServerErrorDuringAShallowFetchIsRetriedLaterNotAnsweredWithTheWholeEpoch() throws Exception {
        Path served = dir.resolve("served");
        try (GitHttpServer http = new GitHttpServer(served);
             InboxRepo e0 = InboxRepo.create(served.resolve("busy/0.git"))) {
            for (int n = 1; n <= 4; n++) {
                e0.add(InboxRepo.mail("busy", n));
            }
            // The server answers the probe for the epoch, then fails with 503s, as an overloaded one does.
            List<String> fetches = new java.util.ArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean probed = new java.util.concurrent.atomic.AtomicBoolean();
            http.beforeEachRequest(path -> {
                if (path.startsWith("/busy/0/") && probed.get()) {
                    fetches.add(path);
                    http.down(true);
                } else if (path.equals("/busy/0/git-upload-pack")) {
                    probed.set(true);
                }
            });
            try (GitArchiveReader reader = new GitArchiveReader(new RemoteMirror("busy", http.url("busy"), dir.resolve("cache")))) {
                assertThrows(ArchiveUnavailableException.class, () -> reader.pendingFrom(StartingPoint.last(2)));
            }
            assertEquals(1, fetches.size(), "one attempt, no fallback to the whole epoch");
            assertFalse(Files.exists(dir.resolve("cache/git/0.git")), "nothing mirrored");
        }
    }

    @Test
    void aServerWithoutShallowFetchesGivesTheWholeEpochAndStillOnlyTheLastCommitsArePublished() throws Exception {
        Path served = dir.resolve("served");
        List<String> commits;
        try (InboxRepo e0 = InboxRepo.create(served.resolve("dumb/0"))) {
            for (int n = 1; n <= 6; n++) {
                e0.add(InboxRepo.mail("dumb", n));
            }
            commits = List.copyOf(e0.commits);
        }
        // Git's "dumb" HTTP: plain files, no upload-pack, so no shallow fetch.
        Process info = new ProcessBuilder("git", "--git-dir", served.resolve("dumb/0").toString(), "update-server-info")
                .inheritIO().start();
        assertEquals(0, info.waitFor());
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            try (exchange) {
                Path file = served.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
                if (!file.startsWith(served) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream body = exchange.getResponseBody()) {
                    Files.copy(file, body);
                }
            } catch (IOException e) {
                // the client went away
            }
        });
        http.start();
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/dumb";
        try (GitArchiveReader reader = new GitArchiveReader(new RemoteMirror("dumb", url, dir.resolve("cache")))) {
            List<ArchiveEntry> entries = reader.pendingFrom(StartingPoint.last(2)).entries();
            assertEquals(commits.subList(4, 6), entries.stream().map(ArchiveEntry::commit).toList());
            assertEquals(List.of(1L, 2L), entries.stream().map(ArchiveEntry::ordinal).toList());
            Path mirror = dir.resolve("cache/git/0.git");
            assertTrue(LocalInbox.isRepository(mirror));
            assertFalse(Files.exists(mirror.resolve("shallow")), "the whole epoch, as the server could only give");
        } finally {
            http.stop(0);
        }
    }
}
