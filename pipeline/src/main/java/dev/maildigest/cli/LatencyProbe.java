package dev.maildigest.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import dev.maildigest.avro.Digest;
import dev.maildigest.digest.DigestSink;
import dev.maildigest.ingest.ArchiveSpec;
import dev.maildigest.ingest.Ingester;

/**
 * Follow latency: grows a private copy of a public-inbox archive by one message at a time, as
 * public-inbox does when mail arrives, and times each message from its commit to its digest.
 */
final class LatencyProbe {
    private final Path copy;
    private final Path gitDir;

    private LatencyProbe(Path copy, Path gitDir) {
        this.copy = copy;
        this.gitDir = gitDir;
    }

    /** Copies a local public-inbox archive (an epoch repository or a v2 folder) into {@code dir}. */
    static LatencyProbe copyOf(ArchiveSpec spec, Path dir) throws IOException {
        Path source = Path.of(spec.source());
        if (spec.remote() || !Files.isDirectory(source)) {
            throw BenchCommand.notLocalGit(spec.source());
        }
        try (var paths = Files.walk(source)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = dir.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path epochs = dir.resolve("git");
        Path gitDir = dir;
        if (Files.isDirectory(epochs)) {
            try (var list = Files.list(epochs)) {
                gitDir = list.filter(p -> p.getFileName().toString().matches("\\d+\\.git"))
                        .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replace(".git", ""))))
                        .orElseThrow(() -> BenchCommand.notLocalGit(spec.source()));
            }
        }
        return new LatencyProbe(dir, gitDir);
    }

    String source() {
        return copy.toString();
    }

    /** Follows the copy while adding {@code probes} messages to it, one at a time. */
    Map<String, Object> measure(Ingester ingester, DigestSink sink, int probes, Duration interval) throws Exception {
        Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
        sink.onDelivered((Digest d) -> {
            CompletableFuture<Long> done = waiting.remove(d.getRange().getLast());
            if (done != null) {
                done.complete(System.nanoTime());
            }
        });
        Thread follower = new Thread(() -> ingester.follow(interval), "bench-follow");
        follower.setDaemon(true);
        follower.start();
        List<Double> latencies = new ArrayList<>();
        for (int i = 1; i <= probes; i++) {
            CompletableFuture<Long> delivered = new CompletableFuture<>();
            long committed = System.nanoTime();
            commitMessage(i, delivered, waiting);
            long at = delivered.get(interval.toSeconds() + 60, TimeUnit.SECONDS);
            latencies.add(BenchCommand.seconds(at - committed));
            Thread.sleep(250 + (long) (Math.random() * interval.toMillis())); // land anywhere in the poll cycle
        }
        ingester.close();
        follower.join(30_000);
        latencies.sort(Double::compare);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("latency_probes", latencies.size());
        figures.put("latency_poll_interval_s", BenchCommand.round(interval.toMillis() / 1e3));
        figures.put("latency_median_s", BenchCommand.round(latencies.get(latencies.size() / 2)));
        figures.put("latency_max_s", BenchCommand.round(latencies.get(latencies.size() - 1)));
        return figures;
    }

    /** Adds one message as public-inbox does: a commit whose tree holds it as {@code m}. */
    private void commitMessage(int n, CompletableFuture<Long> delivered, Map<String, CompletableFuture<Long>> waiting) throws IOException {
        String date = ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
        String mail = "From: Bench Probe <probe@example.org>\n"
                + "To: list@example.org\n"
                + "Subject: [PATCH] bench: latency probe " + n + "\n"
                + "Date: " + date + "\n"
                + "Message-ID: <probe-" + n + "-" + System.nanoTime() + "@bench.example.org>\n"
                + "\n"
                + "Probe " + n + " of the follow-latency benchmark.\n";
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
             ObjectInserter inserter = repo.newObjectInserter()) {
            Ref head = repo.exactRef(Constants.HEAD);
            String branch = head.isSymbolic() ? head.getTarget().getName() : Constants.R_HEADS + Constants.MASTER;
            ObjectId parent = head.getObjectId();
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, mail.getBytes(StandardCharsets.UTF_8));
            TreeFormatter tree = new TreeFormatter();
            tree.append("m", FileMode.REGULAR_FILE, blob);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(inserter.insert(tree));
            if (parent != null) {
                commit.setParentId(parent);
            }
            PersonIdent who = new PersonIdent("Bench Probe", "probe@example.org");
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("latency probe " + n + "\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            waiting.put(id.name(), delivered); // before the ref moves: the digest may follow at once
            RefUpdate update = repo.updateRef(branch);
            update.setNewObjectId(id);
            update.setExpectedOldObjectId(parent != null ? parent : ObjectId.zeroId());
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NEW) {
                throw new IOException("cannot add a probe commit to " + gitDir + ": " + result);
            }
        }
    }
}
