package dev.maildigest.ingest;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
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
 * Only the epochs a reader asks for are fetched, and only as far back as it asks: a shallow clone
 * ({@code --last}, {@code --since}) where the server allows one, else the whole epoch. An inbox of a
 * server root given as such ({@link ServerManifest}) takes its epochs from the server's manifest
 * instead, and skips the fetch of an epoch whose fingerprint is the one it had at its last fetch.
 */
final class RemoteMirror implements EpochLayout {
    private static final Logger log = LoggerFactory.getLogger(RemoteMirror.class);
    private static final Pattern EPOCH_URL = Pattern.compile("(.*)/(\\d+)(\\.git)?");
    private static final int TIMEOUT_SECONDS = 60;
    private static final Pattern SERVER_ERROR = Pattern.compile("\\b5\\d\\d\\b");

    private final String list;
    private final String base;
    private final Integer onlyEpoch;
    private final Path cache;
    private final ServerManifest manifest;
    private boolean v1;

    RemoteMirror(String list, String url, Path cache) {
        this.list = list;
        String trimmed = url.replaceAll("/+$", "");
        Matcher epoch = EPOCH_URL.matcher(trimmed);
        this.base = epoch.matches() ? epoch.group(1) : trimmed;
        this.onlyEpoch = epoch.matches() ? Integer.valueOf(epoch.group(2)) : null;
        this.cache = cache;
        this.manifest = onlyEpoch == null ? ServerManifest.serving(base) : null;
    }

    /** The file in an epoch's mirror that keeps the manifest's fingerprint of its last fetch, and when that was. */
    static final String FINGERPRINT = "maildigest-fingerprint";

    @Override
    public List<Epoch> epochs() throws IOException {
        if (onlyEpoch != null) {
            return List.of(new Epoch(onlyEpoch, dir(onlyEpoch)));
        }
        if (v1) {
            return List.of(new Epoch(0, dir(0)));
        }
        // public-inbox numbers epochs from 0 without gaps: an epoch mirrored here exists upstream with
        // every one before it, so only the numbers after the newest mirrored one are asked for.
        int known = -1;
        try (var dirs = Files.list(cache.resolve("git"))) {
            known = dirs.filter(LocalInbox::isRepository).map(d -> d.getFileName().toString()).filter(n -> n.matches("\\d+\\.git"))
                    .mapToInt(n -> Integer.parseInt(n.substring(0, n.length() - 4))).max().orElse(-1);
        } catch (java.nio.file.NoSuchFileException e) {
            known = -1;
        }
        int next = known + 1;
        if (manifest != null) {
            TreeMap<Integer, String> listed = new TreeMap<>(manifest.epochs(base));
            next = listed.isEmpty() ? next : Math.max(next, listed.lastKey() + 1);
            if (next == 0) {
                throw new ArchiveUnavailableException("the manifest of " + base + "'s server lists no epoch of it", null);
            }
        }
        while (manifest == null && exists(base + "/" + next)) {
            next++;
        }
        if (next == 0) {
            if (!exists(base)) {
                throw new UserError("no public-inbox archive at " + base + " (neither " + base + "/0 nor " + base + " is a git repository)");
            }
            v1 = true;
            return List.of(new Epoch(0, dir(0)));
        }
        List<Epoch> epochs = new ArrayList<>();
        for (int n = 0; n < next; n++) {
            epochs.add(new Epoch(n, dir(n)));
        }
        return epochs;
    }

    private Path dir(int epoch) {
        return cache.resolve("git").resolve(epoch + ".git");
    }

    private String url(int epoch) {
        return v1 ? base : base + "/" + epoch;
    }

    /**
     * Clones the epoch the first time, fetches it afterwards (forced: a purge upstream rewrites
     * history). A shallow history that the server refuses falls back to the whole epoch.
     */
    @Override
    public void update(Epoch epoch, History history) throws IOException {
        String fingerprint = manifest == null ? null : manifest.epochs(base).get(epoch.number());
        if (fingerprint != null && history.equals(History.NEW) && fingerprint.equals(fetchedFingerprint(epoch))) {
            return; // unchanged upstream since the last fetch
        }
        List<History> attempts = new ArrayList<>(List.of(history));
        if (history.since() != null) {
            attempts.add(History.last(1)); // git refuses a shallow fetch that selects no commit: the newest one then
        }
        if (history.shallow()) {
            attempts.add(History.WHOLE);
        }
        for (int i = 0; ; i++) {
            try {
                mirror(epoch, attempts.get(i));
                if (fingerprint != null) {
                    Files.writeString(epoch.gitDir().resolve(FINGERPRINT), fingerprint + " " + java.time.Instant.now() + "\n");
                }
                return;
            } catch (GitAPIException | org.eclipse.jgit.api.errors.JGitInternalException e) {
                // An unreachable server is retried later as it was asked; only a refusal falls back.
                if (i == attempts.size() - 1 || unreachable(e)) {
                    throw new ArchiveUnavailableException("cannot fetch epoch " + epoch.number() + " of " + list + ": " + e.getMessage(), e);
                }
                if (attempts.get(i + 1).whole()) {
                    log.warn("shallow fetch refused list={} epoch={} history={} error=\"{}\", fetching the whole epoch", list,
                            epoch.number(), describe(attempts.get(i)), e.getMessage());
                } else { // usually no commit that recent: git says so with an error
                    log.info("shallow fetch refused list={} epoch={} history={} error=\"{}\" (no commit that recent?), fetching {}",
                            list, epoch.number(), describe(attempts.get(i)), e.getMessage(), describe(attempts.get(i + 1)));
                }
            }
        }
    }

    private static String fetchedFingerprint(Epoch epoch) throws IOException {
        Path file = epoch.gitDir().resolve(FINGERPRINT);
        if (!Files.exists(file)) {
            return null;
        }
        String[] kept = Files.readString(file).trim().split(" ");
        return kept[0];
    }

    /** Network trouble or a server error (5xx), not an answer about the request. */
    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.UnknownHostException || t instanceof java.io.InterruptedIOException
                    || (t.getMessage() != null && SERVER_ERROR.matcher(t.getMessage()).find())) {
                return true;
            }
        }
        return false;
    }

    private void mirror(Epoch epoch, History history) throws IOException, GitAPIException {
        Path dir = epoch.gitDir();
        if (!LocalInbox.isRepository(dir)) {
            clone(epoch.number(), dir, history);
            return;
        }
        try (Git git = Git.open(dir.toFile())) {
            boolean shallow = !git.getRepository().getObjectDatabase().getShallowCommits().isEmpty();
            FetchCommand fetch = git.fetch().setRemote("origin").setRemoveDeletedRefs(true).setTimeout(TIMEOUT_SECONDS);
            if (shallow && history.whole()) {
                fetch.setUnshallow(true);
            } else if (shallow && history.commits() > 0) {
                fetch.setDepth(history.commits());
            } else if (shallow && history.since() != null) {
                fetch.setShallowSince(history.since());
            }
            try (FetchProgress progress = new FetchProgress(list, epoch.number(), dir, FetchProgress.terminal())) {
                fetch.setProgressMonitor(progress).call();
                if (shallow && history.whole() || progress.bytes() > FetchProgress.LOGGED_BYTES) {
                    log.info("fetched list={} epoch={} history={} bytes={} seconds={}", list, epoch.number(), describe(history),
                            progress.bytes(), progress.seconds());
                }
            }
        }
    }

    private void clone(int epoch, Path dir, History history) throws IOException, GitAPIException {
        log.info("mirroring list={} epoch={} url={} into={} history={}", list, epoch, url(epoch), dir, describe(history));
        // Clone next to the final folder and move it in place, so a clone cut short is not mistaken for a mirror.
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        if (Files.exists(partial)) {
            FileUtils.delete(partial.toFile(), FileUtils.RECURSIVE);
        }
        Files.createDirectories(partial.getParent());
        long bytes;
        long seconds;
        boolean shallow;
        // What clone --mirror does, with the config set before the fetch: JGit's auto gc after a
        // fetch runs detached by default, and could still hold the folder when it is moved in place.
        try (Git git = Git.init().setBare(true).setGitDir(partial.toFile()).call();
             FetchProgress progress = new FetchProgress(list, epoch, partial, FetchProgress.terminal())) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", url(epoch));
            config.setString("remote", "origin", "fetch", "+refs/*:refs/*");
            config.setBoolean("remote", "origin", "mirror", true);
            config.setBoolean("gc", null, "autoDetach", false);
            config.save();
            FetchCommand fetch = git.fetch().setRemote("origin").setTimeout(TIMEOUT_SECONDS).setProgressMonitor(progress);
            if (history.commits() > 0) {
                fetch.setDepth(history.commits());
            } else if (history.since() != null) {
                fetch.setShallowSince(history.since());
            }
            fetch.call();
            bytes = progress.bytes();
            seconds = progress.seconds();
            shallow = !git.getRepository().getObjectDatabase().getShallowCommits().isEmpty();
        } catch (GitAPIException | IOException | RuntimeException e) {
            FileUtils.delete(partial.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
            throw e;
        }
        Files.move(partial, dir);
        log.info("mirrored list={} epoch={} history={} bytes={} seconds={}", list, epoch,
                history.shallow() && !shallow ? "whole" : describe(history), bytes, seconds);
    }

    private static String describe(History history) {
        return history.commits() > 0 ? "last-" + history.commits() : history.since() != null ? "since-" + history.since() : "whole";
    }

    /** Whether the server has a git repository at this URL; network trouble is an error, not a no. */
    private static boolean exists(String url) throws IOException {
        URIish uri;
        try {
            uri = new URIish(url);
        } catch (URISyntaxException e) {
            throw new UserError("bad archive URL " + url + ": " + e.getMessage());
        }
        // An empty repository to fetch into: a server with only git's "dumb" HTTP (static files)
        // is answered by a client that needs one even to list the refs.
        try (Repository probe = new InMemoryRepository(new DfsRepositoryDescription("probe"));
             Transport transport = Transport.open(probe, uri)) {
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
