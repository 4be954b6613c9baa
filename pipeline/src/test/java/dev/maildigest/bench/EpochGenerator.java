package dev.maildigest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Bench scope: a public-inbox epoch of N messages made from an existing epoch's mail, for
 * measuring long archives. The source's messages are taken in order, again and again; each pass
 * over them gets its own Message-IDs (and In-Reply-To and References to match, so threads stay
 * threads within a pass), and every message a fresh commit, 15 minutes after the previous one
 * (about 100 a day, a busy list).
 *
 * <pre>
 * java -cp ... dev.maildigest.bench.EpochGenerator SOURCE.git OUT/git/0.git N
 * </pre>
 */
public final class EpochGenerator {
    private static final Pattern ID = Pattern.compile("<([^<>@\\s]+)@([^<>\\s]+)>");
    private static final Pattern ID_HEADER = Pattern.compile("(?i)(message-id|in-reply-to|references):.*");
    private static final long START = 1_700_000_000L;
    private static final long SPACING_SECONDS = 15 * 60;
    private static final int FLUSH_EVERY = 20_000;

    private EpochGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: EpochGenerator SOURCE.git OUT.git N");
            System.exit(2);
        }
        long started = System.nanoTime();
        int written = generate(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]));
        System.err.printf("wrote %d messages to %s in %.1f s%n", written, args[1], (System.nanoTime() - started) / 1e9);
    }

    /** Writes {@code count} commits to a new bare repository at {@code out}; returns how many. */
    static int generate(Path source, Path out, int count) throws IOException {
        try (Repository from = new FileRepositoryBuilder().setGitDir(source.toFile()).setBare().build();
             Repository to = new FileRepositoryBuilder().setGitDir(out.toFile()).setBare().build();
             ObjectReader reader = from.newObjectReader()) {
            to.create(true);
            List<ObjectId> messages = messages(from, reader);
            if (messages.isEmpty()) {
                throw new IOException(source + " has no message");
            }
            ObjectId head = null;
            ObjectInserter inserter = ((FileRepository) to).getObjectDatabase().newPackInserter();
            try {
                for (int i = 0; i < count; i++) {
                    int pass = i / messages.size() + 1;
                    byte[] message = withFreshIds(reader.open(messages.get(i % messages.size())).getBytes(), pass);
                    TreeFormatter tree = new TreeFormatter();
                    tree.append("m", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, message));
                    CommitBuilder commit = new CommitBuilder();
                    commit.setTreeId(inserter.insert(tree));
                    if (head != null) {
                        commit.setParentId(head);
                    }
                    PersonIdent who = new PersonIdent("Generated List", "list@example.org", (START + i * SPACING_SECONDS) * 1000, 0);
                    commit.setAuthor(who);
                    commit.setCommitter(who);
                    commit.setMessage("generated " + (i + 1) + "\n");
                    head = inserter.insert(commit);
                    if ((i + 1) % FLUSH_EVERY == 0) {
                        inserter.flush();
                        inserter.close();
                        inserter = ((FileRepository) to).getObjectDatabase().newPackInserter();
                    }
                }
                inserter.flush();
            } finally {
                inserter.close();
            }
            RefUpdate update = to.updateRef("refs/heads/master");
            update.setNewObjectId(head);
            update.setForceUpdate(true);
            update.update();
            return count;
        }
    }

    /** The source's messages, oldest first (deletions left out). */
    private static List<ObjectId> messages(Repository repo, ObjectReader reader) throws IOException {
        List<ObjectId> blobs = new ArrayList<>();
        try (RevWalk walk = new RevWalk(reader)) {
            walk.markStart(walk.parseCommit(repo.resolve("HEAD")));
            walk.sort(RevSort.REVERSE);
            for (RevCommit commit : walk) {
                try (TreeWalk tree = TreeWalk.forPath(reader, "m", commit.getTree())) {
                    if (tree != null) {
                        blobs.add(tree.getObjectId(0));
                    }
                }
            }
        }
        return blobs;
    }

    /** The message with every id in its Message-ID, In-Reply-To and References headers made this pass's own. */
    static byte[] withFreshIds(byte[] message, int pass) {
        String text = new String(message, StandardCharsets.ISO_8859_1); // byte for byte
        int end = text.indexOf("\n\n");
        int endCrlf = text.indexOf("\r\n\r\n");
        if (end < 0 || (endCrlf >= 0 && endCrlf < end)) {
            end = endCrlf;
        }
        String headers = end < 0 ? text : text.substring(0, end);
        StringBuilder rewritten = new StringBuilder(text.length() + 64);
        boolean inIdHeader = false;
        for (String line : headers.split("\n", -1)) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (!continuation) {
                inIdHeader = ID_HEADER.matcher(line.trim()).matches();
            }
            if (rewritten.length() > 0) {
                rewritten.append('\n');
            }
            if (inIdHeader) {
                Matcher m = ID.matcher(line);
                rewritten.append(m.replaceAll(r -> Matcher.quoteReplacement("<" + r.group(1) + ".g" + pass + "@" + r.group(2) + ">")));
            } else {
                rewritten.append(line);
            }
        }
        if (end >= 0) {
            rewritten.append(text, end, text.length());
        }
        return rewritten.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
