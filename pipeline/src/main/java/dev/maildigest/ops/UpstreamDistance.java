package dev.maildigest.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * How many commits a local git archive has after a checkpoint: a plain git repository, or a
 * public-inbox v2 inbox whose epochs are {@code git/<n>.git}. Remote archives and mbox files are
 * not counted here (that would mean fetching or parsing them); the ingester reports those through
 * {@link PipelineMetrics#commitsBehind(String)}.
 */
final class UpstreamDistance {

    private UpstreamDistance() {
    }

    /** Commits after {@code commit} in {@code epoch} and all later epochs, or null when that cannot be counted cheaply. */
    static Long commitsAfter(String archive, int epoch, String commit) {
        Path dir = localDirectory(archive);
        if (dir == null || !ObjectId.isId(commit)) {
            return null;
        }
        try {
            Path epochs = dir.resolve("git");
            if (Files.isDirectory(epochs.resolve(epoch + ".git"))) {
                long total = 0;
                for (int n = epoch; Files.isDirectory(epochs.resolve(n + ".git")); n++) {
                    Long count = countAfter(epochs.resolve(n + ".git"), n == epoch ? commit : null);
                    if (count == null) {
                        return null;
                    }
                    total += count;
                }
                return total;
            }
            return countAfter(dir, commit);
        } catch (IOException e) {
            return null;
        }
    }

    private static Path localDirectory(String archive) {
        String path = archive.startsWith("file://") ? archive.substring("file://".length()) : archive;
        if (path.contains("://")) {
            return null;
        }
        try {
            Path dir = Path.of(path);
            return Files.isDirectory(dir) ? dir : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Commits reachable from HEAD and not from {@code after} (all of them when null); null if either is missing. */
    private static Long countAfter(Path gitDir, String after) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        if (Files.isDirectory(gitDir.resolve(".git"))) {
            builder.setWorkTree(gitDir.toFile());
        } else {
            builder.setGitDir(gitDir.toFile());
        }
        try (Repository repo = builder.build(); RevWalk walk = new RevWalk(repo)) {
            ObjectId head = repo.resolve("HEAD");
            if (head == null) {
                return null;
            }
            walk.markStart(walk.parseCommit(head));
            if (after != null) {
                ObjectId checkpoint = repo.resolve(after + "^{commit}");
                if (checkpoint == null) {
                    return null; // rewritten upstream, or not fetched yet
                }
                walk.markUninteresting(walk.parseCommit(checkpoint));
            }
            long count = 0;
            while (walk.next() != null) {
                count++;
            }
            return count;
        } catch (org.eclipse.jgit.errors.MissingObjectException | org.eclipse.jgit.errors.RepositoryNotFoundException e) {
            return null;
        }
    }
}
