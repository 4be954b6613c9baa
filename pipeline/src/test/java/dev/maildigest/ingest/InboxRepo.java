package dev.maildigest.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Tests only: a public-inbox epoch written with JGit the way public-inbox writes one: a linear
 * history on master, one commit per message whose tree holds it as {@code m} ({@code d} to delete).
 */
public final class InboxRepo implements AutoCloseable {
    static final long START = 1_780_000_000L; // commit times in seconds, one second apart

    private final Repository repo;
    private ObjectId head;
    private long time;
    /** What each commit of the current history added: the message, or null for a deletion. */
    final List<byte[]> history = new ArrayList<>();
    final List<String> commits = new ArrayList<>();

    private InboxRepo(Repository repo, long time) {
        this.repo = repo;
        this.time = time;
    }

    /** A bare repository at {@code gitDir}, e.g. {@code inbox/git/0.git}. */
    public static InboxRepo create(Path gitDir) throws IOException {
        return create(gitDir, START);
    }

    static InboxRepo create(Path gitDir, long firstCommitTime) throws IOException {
        Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().build();
        repo.create(true);
        return new InboxRepo(repo, firstCommitTime);
    }

    String add(byte[] message) throws IOException {
        history.add(message);
        return commit("m", message);
    }

    public String add(String message) throws IOException {
        return add(message.getBytes(StandardCharsets.UTF_8));
    }

    /** The next commits are made from this time on (seconds), one second apart. */
    void commitFrom(long epochSecond) {
        time = epochSecond;
    }

    /** A public-inbox purge of {@code message}: a commit whose tree holds it as {@code d}. */
    public String delete(byte[] message) throws IOException {
        history.add(null);
        return commit("d", message);
    }

    private String commit(String name, byte[] content) throws IOException {
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            TreeFormatter tree = new TreeFormatter();
            tree.append(name, FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, content));
            return commitTree(inserter, inserter.insert(tree));
        }
    }

    String commitTree(ObjectInserter inserter, ObjectId tree) throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        if (head != null) {
            commit.setParentId(head);
        }
        PersonIdent who = new PersonIdent("Test List", "list@example.org", (time++) * 1000, 0);
        commit.setAuthor(who);
        commit.setCommitter(who);
        commit.setMessage("message\n");
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        RefUpdate update = repo.updateRef("refs/heads/master");
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.FORCED) {
            throw new IOException("cannot move master: " + result);
        }
        head = id;
        commits.add(id.name());
        return id.name();
    }

    /**
     * What public-inbox-purge does: the history is written again without the message at
     * {@code index} (0-based), with the same commit times; every later commit gets a new id.
     */
    void purge(int index) throws IOException {
        List<byte[]> kept = new ArrayList<>(history);
        kept.remove(index);
        history.clear();
        commits.clear();
        head = null;
        time = START;
        RefUpdate delete = repo.updateRef("refs/heads/master");
        delete.setForceUpdate(true);
        delete.delete();
        for (int i = 0; i < kept.size(); i++) {
            if (i == index) {
                time++; // the purged message's second stays unused
            }
            add(kept.get(i));
        }
    }

    Repository repository() {
        return repo;
    }

    @Override
    public void close() {
        repo.close();
    }

    /** A small hand-written mail. */
    static String mail(String list, int n) {
        return "From: Tester " + n + " <tester" + n + "@example.org>\n"
                + "To: " + list + "@lists.example.org\n"
                + "Subject: [PATCH " + n + "/9] fix thing number " + n + "\n"
                + "Date: Thu, 26 Nov 2026 10:00:" + String.format("%02d", n % 60) + " +0000\n"
                + "Message-ID: <" + list + "-" + n + "@example.org>\n"
                + "\n"
                + "This fixes thing " + n + ".\n"
                + "\n"
                + "Signed-off-by: Tester " + n + " <tester" + n + "@example.org>\n";
    }
}
