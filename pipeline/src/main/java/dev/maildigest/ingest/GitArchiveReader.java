package dev.maildigest.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.file.WindowCacheConfig;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.avro.IngestCheckpoint;

/**
 * Reads public-inbox git repositories, epoch after epoch. A v2 commit's tree holds the message as
 * {@code m}, or {@code d} for a deletion; a v1 commit adds (or removes) one file named after the
 * Message-ID hash, found by comparing the commit with its parent.
 */
final class GitArchiveReader implements ArchiveReader {
    private static final Logger log = LoggerFactory.getLogger(GitArchiveReader.class);

    static {
        // JGit's default pack cache (10 MiB in 8 KiB windows) thrashes when every blob of an epoch is
        // read in order: a bigger cache with larger windows reads a backfill at several times the speed.
        // Memory-mapped, so the windows are the page cache's rather than 256 MiB of the heap: on the
        // heap they filled a quarter of -Xmx1g for any epoch over 256 MB and kept the collector busy.
        WindowCacheConfig cache = new WindowCacheConfig();
        cache.setPackedGitLimit(256L * 1024 * 1024);
        cache.setPackedGitWindowSize(1024 * 1024);
        cache.setPackedGitMMAP(true);
        cache.setDeltaBaseCacheLimit(64 * 1024 * 1024);
        cache.install();
    }

    private final EpochLayout layout;
    private final Map<EpochLayout.Epoch, OpenEpoch> open = new HashMap<>();

    GitArchiveReader(EpochLayout layout) {
        this.layout = layout;
    }

    private record OpenEpoch(Repository repo, ObjectReader reader) {
    }

    @Override
    public Backlog pending(IngestCheckpoint checkpoint) throws IOException {
        List<ArchiveEntry> entries = new ArrayList<>();
        boolean rewritten = false;
        ArchiveEntry anchor = null;
        long ordinal = checkpoint == null ? 0 : checkpoint.getOrdinal();
        // Epochs before the checkpoint's are done: a remote one is not even fetched.
        List<EpochLayout.Epoch> epochs = layout.epochs().stream()
                .filter(epoch -> checkpoint == null || epoch.number() >= checkpoint.getEpoch()).toList();
        // Fetched and their heads read newest first: an older epoch is full before a newer one
        // starts, so one fetched after the newer has all its commits. Without a checkpoint, whole:
        // a mirror left shallow by a --last run that never published is deepened.
        EpochLayout.History history = checkpoint == null ? EpochLayout.History.WHOLE : EpochLayout.History.NEW;
        Map<EpochLayout.Epoch, ObjectId> heads = new HashMap<>();
        for (int i = epochs.size() - 1; i >= 0; i--) {
            layout.update(epochs.get(i), history);
            heads.put(epochs.get(i), head(open(epochs.get(i)).repo()));
        }
        for (EpochLayout.Epoch epoch : epochs) {
            OpenEpoch repo = open(epoch);
            ObjectId head = heads.get(epoch);
            if (head == null) {
                continue; // an epoch without commits yet
            }
            List<RevCommit> commits;
            if (checkpoint != null && epoch.number() == checkpoint.getEpoch()) {
                ObjectId last = inHistory(repo, checkpoint.getCommit(), head);
                if (last != null) {
                    commits = history(repo, head, last);
                } else {
                    rewritten = true;
                    List<RevCommit> all = history(repo, head, null);
                    int at = placeOf(repo, epoch.number(), all, checkpoint);
                    if (at >= 0) {
                        anchor = entry(repo, epoch.number(), all.get(at), checkpoint.getOrdinal());
                    }
                    commits = all.subList(at + 1, all.size());
                }
            } else {
                commits = history(repo, head, null);
            }
            for (RevCommit commit : commits) {
                entries.add(entry(repo, epoch.number(), commit, ++ordinal));
            }
        }
        return new Backlog(entries, rewritten, anchor);
    }

    /**
     * From the newest epoch back, only as many epochs as hold the starting point, each fetched no
     * further back than it (a shallow clone: the walk ends cleanly at its boundary, where JGit sees
     * commits without parents). Ordinals count from the starting commit, which is 1: the commits
     * before it are not known, let alone counted.
     */
    @Override
    public Backlog pendingFrom(StartingPoint start) throws IOException {
        List<EpochLayout.Epoch> epochs = layout.epochs();
        List<EpochLayout.Epoch> taken = new ArrayList<>(); // oldest first, with their commits
        List<List<RevCommit>> commits = new ArrayList<>();
        int remaining = start.commits();
        for (int i = epochs.size() - 1; i >= 0; i--) {
            EpochLayout.Epoch epoch = epochs.get(i);
            layout.update(epoch, remaining > 0 ? EpochLayout.History.last(remaining) : EpochLayout.History.since(start.since()));
            OpenEpoch repo = open(epoch);
            ObjectId head = head(repo.repo());
            if (head == null) {
                continue; // an epoch without commits yet
            }
            List<RevCommit> all = history(repo, head, null);
            StartingPoint here = remaining > 0 ? StartingPoint.last(remaining) : start;
            int from = here.indexIn(all.stream().map(GitArchiveReader::commitTime).toList());
            taken.add(0, epoch);
            commits.add(0, all.subList(from, all.size()));
            remaining -= all.size() - from;
            boolean wholeEpoch = !all.isEmpty() && !repo.repo().getObjectDatabase().getShallowCommits().contains(all.get(0));
            if (from > 0 || !wholeEpoch || (start.commits() > 0 && remaining <= 0)) {
                break; // the starting point is in this epoch
            }
        }
        List<ArchiveEntry> entries = new ArrayList<>();
        long ordinal = 0;
        for (int e = 0; e < taken.size(); e++) {
            OpenEpoch repo = open(taken.get(e));
            for (RevCommit commit : commits.get(e)) {
                entries.add(entry(repo, taken.get(e).number(), commit, ++ordinal));
            }
        }
        if (!entries.isEmpty()) { // else polled again, quietly, until mail that recent comes
            log.info("starting point {}: {} commits in epochs {}", start, entries.size(),
                    taken.stream().map(EpochLayout.Epoch::number).toList());
        }
        return Backlog.of(entries);
    }

    private OpenEpoch open(EpochLayout.Epoch epoch) throws IOException {
        OpenEpoch repo = open.get(epoch);
        if (repo == null) {
            Repository r = new FileRepositoryBuilder().setGitDir(epoch.gitDir().toFile()).setMustExist(true).build();
            repo = new OpenEpoch(r, r.newObjectReader());
            open.put(epoch, repo);
        }
        return repo;
    }

    /** The branch public-inbox writes: HEAD, else master, else the only branch. */
    private static ObjectId head(Repository repo) throws IOException {
        ObjectId head = repo.resolve(Constants.HEAD);
        if (head != null) {
            return head;
        }
        Ref master = repo.exactRef("refs/heads/master");
        if (master != null) {
            return master.getObjectId();
        }
        List<Ref> branches = repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS);
        return branches.size() == 1 ? branches.get(0).getObjectId() : null;
    }

    /** The checkpoint's commit when it is still an ancestor of head; null when history was rewritten. */
    private static ObjectId inHistory(OpenEpoch repo, String commit, ObjectId head) throws IOException {
        if (!ObjectId.isId(commit)) {
            return null;
        }
        try (RevWalk walk = new RevWalk(repo.reader())) {
            RevCommit last = walk.parseCommit(ObjectId.fromString(commit));
            return walk.isMergedInto(last, walk.parseCommit(head)) ? last : null;
        } catch (MissingObjectException e) {
            return null;
        }
    }

    /** Commits reachable from head and not from {@code after}, oldest first. */
    private static List<RevCommit> history(OpenEpoch repo, ObjectId head, ObjectId after) throws IOException {
        try (RevWalk walk = new RevWalk(repo.reader())) {
            walk.setRetainBody(false);
            walk.sort(RevSort.TOPO);
            walk.sort(RevSort.REVERSE, true);
            walk.markStart(walk.parseCommit(head));
            if (after != null) {
                walk.markUninteresting(walk.parseCommit(after));
            }
            List<RevCommit> commits = new ArrayList<>();
            walk.forEach(commits::add);
            return commits;
        }
    }

    /**
     * Where the checkpoint stands in rewritten history: the commit holding the same message blob,
     * else the last one committed no later than it; -1 before the first commit.
     */
    private int placeOf(OpenEpoch repo, int epoch, List<RevCommit> all, IngestCheckpoint checkpoint) throws IOException {
        if (checkpoint.getBlob() != null) {
            for (int i = all.size() - 1; i >= 0; i--) {
                ObjectId blob = message(repo, all.get(i)).blob();
                if (blob != null && blob.name().equals(checkpoint.getBlob())) {
                    return i;
                }
            }
        }
        int at = -1;
        if (checkpoint.getCommittedAt() != null) {
            for (int i = 0; i < all.size() && !commitTime(all.get(i)).isAfter(checkpoint.getCommittedAt()); i++) {
                at = i;
            }
        }
        log.debug("checkpoint blob not found in rewritten history epoch={} placed_by_time_at={}", epoch, at);
        return at;
    }

    private ArchiveEntry entry(OpenEpoch repo, int epoch, RevCommit commit, long ordinal) throws IOException {
        Message message = message(repo, commit);
        ObjectId blob = message.blob();
        ArchiveEntry.MessageContent content = message.deletion() || blob == null ? null : maxBytes -> load(repo.reader(), blob, maxBytes);
        return new ArchiveEntry(epoch, commit.name(), ordinal, commitTime(commit),
                blob == null ? null : blob.name(), message.deletion() || blob == null, content);
    }

    private static java.time.Instant commitTime(RevCommit commit) {
        return java.time.Instant.ofEpochSecond(commit.getCommitTime());
    }

    private record Message(ObjectId blob, boolean deletion) {
    }

    /**
     * v2: the tree's {@code m} (a message) or {@code d} (a deletion); else v1. Read with a tree
     * parser rather than {@code TreeWalk.forPath}, which cost twenty times as much per commit and
     * ran for every commit of a backfill before its first range could go out.
     */
    private static Message message(OpenEpoch repo, RevCommit commit) throws IOException {
        ObjectId deleted = null;
        for (CanonicalTreeParser tree = new CanonicalTreeParser(null, repo.reader(), commit.getTree()); !tree.eof(); tree.next()) {
            String name = tree.getEntryPathString();
            if (name.equals("m")) {
                return new Message(tree.getEntryObjectId(), false);
            }
            if (name.equals("d")) {
                deleted = tree.getEntryObjectId();
            }
        }
        return deleted != null ? new Message(deleted, true) : v1Message(repo, commit);
    }

    /** v1: the file this commit added (a message) or removed (a deletion). */
    private static Message v1Message(OpenEpoch repo, RevCommit commit) throws IOException {
        try (RevWalk walk = new RevWalk(repo.reader()); TreeWalk diff = new TreeWalk(repo.reader())) {
            RevCommit parsed = walk.parseCommit(commit);
            if (parsed.getParentCount() > 0) {
                diff.addTree(walk.parseCommit(parsed.getParent(0)).getTree());
            } else {
                diff.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
            }
            diff.addTree(parsed.getTree());
            diff.setRecursive(true);
            diff.setFilter(TreeFilter.ANY_DIFF);
            ObjectId removed = null;
            while (diff.next()) {
                if (!diff.getObjectId(1).equals(ObjectId.zeroId())) {
                    return new Message(diff.getObjectId(1), false);
                }
                removed = diff.getObjectId(0);
            }
            return new Message(removed, true);
        }
    }

    private static ArchiveEntry.LoadedMessage load(ObjectReader reader, ObjectId blob, int maxBytes) throws IOException {
        ObjectLoader loader;
        try {
            loader = reader.open(blob, Constants.OBJ_BLOB);
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            // A broken archive: the message is lost upstream, which the dead letters must say.
            return new ArchiveEntry.LoadedMessage(0, null, blob.name(), "cannot read blob " + blob.name() + ": " + e.getMessage());
        }
        long size = loader.getSize();
        return size > maxBytes ? ArchiveEntry.LoadedMessage.tooLarge(size, maxBytes, blob.name())
                : ArchiveEntry.LoadedMessage.of(loader.getCachedBytes(maxBytes), blob.name());
    }

    @Override
    public void close() {
        open.values().forEach(r -> {
            r.reader().close();
            r.repo().close();
        });
        open.clear();
    }
}
