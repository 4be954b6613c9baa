package dev.maildigest.ingest;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.config.UserError;

/**
 * A remote public-inbox archive ({@code https://host/list} or one epoch {@code https://host/list/N}),
 * mirrored with JGit over smart HTTP into {@code <cache>/git/N.git}: cloned once, fetched at every poll.
 * Epochs are discovered by asking for the next number until the server says it has none, so an
 * epoch started upstream is picked up at the next poll. A list URL without epochs is a v1 inbox.
 */
final class RemoteMirror implements EpochLayout {
    private static final Logger log = LoggerFactory.getLogger(RemoteMirror.class);
    private static final Pattern EPOCH_URL = Pattern.compile("(.*)/(\\d+)(\\.git)?");
    private static final int TIMEOUT_SECONDS = 60;

    private final String list;
    private final String base;
    private final Integer onlyEpoch;
    private final Path cache;
    private boolean v1;

    RemoteMirror(String list, String url, Path cache) {
        this.list = list;
        String trimmed = url.replaceAll("/+$", "");
        Matcher epoch = EPOCH_URL.matcher(trimmed);
        this.base = epoch.matches() ? epoch.group(1) : trimmed;
        this.onlyEpoch = epoch.matches() ? Integer.valueOf(epoch.group(2)) : null;
        this.cache = cache;
    }

    @Override
    public List<Epoch> epochs() throws IOException {
        List<Epoch> epochs = new ArrayList<>();
        if (onlyEpoch != null) {
            epochs.add(mirror(onlyEpoch, base + "/" + onlyEpoch));
            return epochs;
        }
        if (v1) {
            epochs.add(mirror(0, base));
            return epochs;
        }
        List<Integer> found = new ArrayList<>();
        for (int n = 0; Files.isDirectory(dir(n)) || exists(base + "/" + n); n++) {
            found.add(n);
        }
        if (found.isEmpty()) {
            if (!exists(base)) {
                throw new UserError("no public-inbox archive at " + base + " (neither " + base + "/0 nor " + base + " is a git repository)");
            }
            v1 = true;
            epochs.add(mirror(0, base));
            return epochs;
        }
        // Newest first: public-inbox starts epoch N+1 only once N is full, so N fetched after N+1 is
        // complete. Fetched oldest first, N's last commits could land between the two fetches and be
        // skipped for good, the checkpoint having moved on to N+1.
        for (int i = found.size() - 1; i >= 0; i--) {
            int n = found.get(i);
            epochs.add(0, mirror(n, base + "/" + n));
        }
        return epochs;
    }

    private Path dir(int epoch) {
        return cache.resolve("git").resolve(epoch + ".git");
    }

    /** Clones the epoch the first time, fetches it afterwards (forced: a purge upstream rewrites history). */
    private Epoch mirror(int epoch, String url) throws IOException {
        Path dir = dir(epoch);
        try {
            if (LocalInbox.isRepository(dir)) {
                try (Git git = Git.open(dir.toFile())) {
                    git.fetch().setRemote("origin").setRemoveDeletedRefs(true).setTimeout(TIMEOUT_SECONDS).call();
                }
            } else {
                clone(epoch, url, dir);
            }
        } catch (GitAPIException e) {
            throw new ArchiveUnavailableException("cannot fetch epoch " + epoch + " of " + list + ": " + e.getMessage(), e);
        }
        return new Epoch(epoch, dir);
    }

    private void clone(int epoch, String url, Path dir) throws IOException, GitAPIException {
        log.info("mirroring list={} epoch={} url={} into={}", list, epoch, url, dir);
        long started = System.nanoTime();
        // Clone next to the final folder and move it in place, so a clone cut short is not mistaken for a mirror.
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        if (Files.exists(partial)) {
            FileUtils.delete(partial.toFile(), FileUtils.RECURSIVE);
        }
        Files.createDirectories(partial.getParent());
        try (Git git = Git.cloneRepository().setURI(url).setDirectory(partial.toFile()).setMirror(true)
                .setTimeout(TIMEOUT_SECONDS).call()) {
            log.debug("cloned {}", git.getRepository().getDirectory());
        }
        Files.move(partial, dir);
        log.info("mirrored list={} epoch={} seconds={}", list, epoch, (System.nanoTime() - started) / 1_000_000_000);
    }

    /** Whether the server has a git repository at this URL; network trouble is an error, not a no. */
    private static boolean exists(String url) throws IOException {
        URIish uri;
        try {
            uri = new URIish(url);
        } catch (URISyntaxException e) {
            throw new UserError("bad archive URL " + url + ": " + e.getMessage());
        }
        try (Transport transport = Transport.open(uri)) {
            transport.setTimeout(TIMEOUT_SECONDS);
            try (FetchConnection connection = transport.openFetch()) {
                return true;
            }
        } catch (NoRemoteRepositoryException e) {
            return false;
        } catch (org.eclipse.jgit.errors.TransportException e) {
            throw new ArchiveUnavailableException("cannot reach " + url + ": " + e.getMessage(), e);
        }
    }
}
