package dev.maildigest.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.maildigest.config.UserError;

/**
 * A public-inbox archive on disk: a v2 inbox folder ({@code git/0.git}, {@code git/1.git}...), a single
 * epoch repository (bare or mirror), or a v1 inbox (one bare repository).
 */
final class LocalInbox implements EpochLayout {
    private static final Pattern EPOCH_DIR = Pattern.compile("(\\d+)\\.git");

    private final Path root;

    LocalInbox(Path root) {
        this.root = root;
    }

    @Override
    public List<Epoch> epochs() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new UserError("archive not found: " + root);
        }
        Path git = root.resolve("git");
        if (Files.isDirectory(git) && !isRepository(root)) {
            try (Stream<Path> dirs = Files.list(git)) {
                List<Epoch> epochs = dirs.map(dir -> {
                            Matcher m = EPOCH_DIR.matcher(dir.getFileName().toString());
                            return m.matches() && isRepository(dir) ? new Epoch(Integer.parseInt(m.group(1)), dir) : null;
                        })
                        .filter(e -> e != null)
                        .sorted(Comparator.comparingInt(Epoch::number))
                        .toList();
                if (epochs.isEmpty()) {
                    throw new UserError("no epoch repositories (git/N.git) in the public-inbox folder " + root);
                }
                return epochs;
            }
        }
        if (isRepository(root)) {
            Matcher m = EPOCH_DIR.matcher(root.getFileName().toString());
            return List.of(new Epoch(m.matches() ? Integer.parseInt(m.group(1)) : 0, root));
        }
        if (isRepository(root.resolve(".git"))) {
            return List.of(new Epoch(0, root.resolve(".git")));
        }
        throw new UserError("not an archive: " + root + " is neither a public-inbox inbox, a git repository,"
                + " an mbox file nor a Maildir");
    }

    static boolean isRepository(Path dir) {
        return Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"));
    }
}
