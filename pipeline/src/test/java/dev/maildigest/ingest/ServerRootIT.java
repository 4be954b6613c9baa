package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.testing.TestStack;

/**
 * A public-inbox server root ({@code http://host/}) served by Debian's {@code public-inbox-httpd}
 * with three inboxes: the filtered ones are followed, each poll reads the server's manifest once,
 * and only the inbox whose fingerprint changed is fetched again.
 */
class ServerRootIT {

    @TempDir
    Path dir;

    @Test
    void followsTheFilteredInboxesOfAServerAndFetchesOnlyTheChangedOnes() throws Exception {
        Assumptions.assumeTrue(PublicInboxHttpd.installed(), PublicInboxHttpd.MISSING);
        List<String> names = List.of("alpha", "beta", "gamma");
        Map<String, InboxRepo> repos = new TreeMap<>();
        Map<String, Path> inboxes = new TreeMap<>();
        try (TestStack stack = TestStack.start(dir.resolve("kafka"))) {
            for (String name : names) {
                Path inbox = dir.resolve("inboxes").resolve(name);
                InboxRepo repo = InboxRepo.create(inbox.resolve("git/0.git"));
                repo.add(InboxRepo.mail(name, 1));
                repo.add(InboxRepo.mail(name, 2));
                repos.put(name, repo);
                inboxes.put(name, inbox);
            }
            try (PublicInboxHttpd server = new PublicInboxHttpd(inboxes, dir.resolve("httpd"))) {
                try {
                    followTheFilteredInboxes(stack, server, repos);
                } finally {
                    ServerManifest.forget(server.root()); // its port may serve another test's archive next
                }
            } finally {
                repos.values().forEach(InboxRepo::close);
            }
        }
    }

    private void followTheFilteredInboxes(TestStack stack, PublicInboxHttpd server, Map<String, InboxRepo> repos) throws Exception {
        List<ArchiveSpec> specs = ServerManifest.inboxes(server.root(), Pattern.compile("^(alpha|beta)$"));
        assertEquals(List.of("alpha", "beta"), specs.stream().map(ArchiveSpec::name).toList(), "the filter picks the inboxes");
        assertEquals(server.root() + "alpha", specs.get(0).source());

        IngestOptions options = new IngestOptions(100, 1 << 20, dir.resolve("mirrors"));
        try (Ingester ingester = new Ingester(specs, options, stack.config(), stack.registry())) {
            assertEquals(4, ingester.ingestAvailable().messages(), "two messages from each followed inbox");
        }
        String alphaFetched = lastFetch("alpha");
        String betaFetched = lastFetch("beta");
        assertFalse(Files.exists(dir.resolve("mirrors/gamma")), "an inbox left out by the filter is not mirrored");

        try (Ingester ingester = new Ingester(specs, options, stack.config(), stack.registry())) {
            assertEquals(0, ingester.ingestAvailable().messages(), "nothing new");
            assertEquals(alphaFetched, lastFetch("alpha"), "alpha unchanged upstream: not fetched again");
            assertEquals(betaFetched, lastFetch("beta"), "beta unchanged upstream: not fetched again");

            repos.get("beta").add(InboxRepo.mail("beta", 3));
            repos.get("gamma").add(InboxRepo.mail("gamma", 3));
            assertEquals(1, ingester.ingestAvailable().messages(), "beta's new message, and only it");
            assertEquals(alphaFetched, lastFetch("alpha"), "alpha still not fetched");
            assertNotEquals(betaFetched, lastFetch("beta"), "beta, changed upstream, fetched");
        }
        // The same from the command line: the root as ARCHIVE, the filter as an option; nothing new.
        int exit = dev.maildigest.cli.Main.commandLine().execute("ingest", "--bootstrap-server", stack.bootstrapServers(),
                "--schema-registry-url", stack.registryUrl(), "--data-dir", dir.resolve("data").toString(),
                "--cache-dir", dir.resolve("mirrors").toString(), "--inbox-filter", "^(alpha|beta)$", server.root());
        assertEquals(0, exit, "pipeline ingest " + server.root());
        assertEquals(alphaFetched, lastFetch("alpha"), "alpha not fetched by the command either");

        Map<String, Integer> perList = new TreeMap<>();
        for (var record : Records.read(stack, stack.config().topics().raw(), true)) {
            perList.merge(record.key().substring(0, record.key().indexOf(':')), 1, Integer::sum);
        }
        assertEquals(Map.of("alpha", 2, "beta", 3), perList, "each message once, from the followed inboxes only");
    }

    /** What the mirror keeps of its last fetch: the manifest's fingerprint then, and when. */
    private String lastFetch(String inbox) throws IOException {
        return Files.readString(dir.resolve("mirrors").resolve(inbox).resolve("git/0.git").resolve(RemoteMirror.FINGERPRINT)).trim();
    }
}
