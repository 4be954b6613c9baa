package dev.maildigest.bench;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.parse.MailParser;

/**
 * Single-threaded parsing speed over a real public-inbox epoch, from memory: every message of the
 * archive (blob {@code m} of each commit, oldest first) is loaded once, then parsed in turn. The
 * score is messages per second. Before measuring, the whole archive is parsed once and its kinds
 * and failures are printed, as a check that no message throws.
 *
 * <pre>
 * git clone --mirror ../shared/datasets/kvmarm-0.bundle /tmp/kvmarm/git/0.git
 * mvn -o -q -B -f pipeline/pom.xml test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath org.openjdk.jmh.Main ParserBenchmark -f 1 -wi 2 -i 3 -p archive=/tmp/kvmarm/git/0.git"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ParserBenchmark {
    /** A public-inbox epoch: a bare git repository with one message per commit. */
    @Param({"/tmp/kvmarm/git/0.git"})
    public String archive;

    private final MailParser parser = new MailParser();
    private byte[][] messages;
    private Coordinates coordinates;
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        messages = messages(new File(archive)).toArray(new byte[0][]);
        coordinates = Coordinates.newBuilder()
                .setList("bench").setArchive(archive).setEpoch(0).setCommit("0").setOrdinal(1)
                .setRange(new CommitRange("0", "0", 1, 1, 0L, 0L)).setIndex(0)
                .build();
        checkWholeArchive();
    }

    @Benchmark
    public ParsedMail parse() {
        byte[] message = messages[next];
        next = next + 1 == messages.length ? 0 : next + 1;
        return parser.parse(message, coordinates);
    }

    /** Every message once: kinds and failures, so that a run also proves nothing throws. */
    private void checkWholeArchive() {
        Map<MailKind, Integer> kinds = new EnumMap<>(MailKind.class);
        int failures = 0;
        long bytes = 0;
        long start = System.nanoTime();
        for (byte[] message : messages) {
            ParsedMail mail = parser.parse(message, coordinates);
            kinds.merge(mail.getKind(), 1, Integer::sum);
            failures += mail.getFailure() == null ? 0 : 1;
            bytes += message.length;
        }
        System.err.printf("%nParserBenchmark: %d messages, %.1f MB, first pass %.1f s, kinds %s, failures %d%n",
                messages.length, bytes / 1e6, (System.nanoTime() - start) / 1e9, kinds, failures);
    }

    /** Blob m of every commit, oldest first; commits that delete a message (tree with d) are skipped. */
    static List<byte[]> messages(File gitDir) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
             RevWalk walk = new RevWalk(repo)) {
            ObjectId head = repo.resolve("HEAD");
            if (head == null) {
                throw new IOException("no HEAD in " + gitDir);
            }
            walk.sort(RevSort.TOPO);
            walk.sort(RevSort.REVERSE, true);
            walk.markStart(walk.parseCommit(head));
            for (RevCommit commit : walk) {
                try (TreeWalk m = TreeWalk.forPath(repo, "m", commit.getTree())) {
                    if (m != null) {
                        out.add(repo.open(m.getObjectId(0)).getBytes(Integer.MAX_VALUE));
                    }
                }
            }
        }
        return out;
    }
}
