package dev.maildigest.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamDistanceTest {

    @TempDir
    Path dir;

    @Test
    void countsTheCommitsOfAPlainRepositoryAfterTheCheckpoint() throws Exception {
        List<String> commits = EmptyCommits.create(dir.resolve("list"), 5);

        assertEquals(3L, UpstreamDistance.commitsAfter(dir.resolve("list").toString(), 0, commits.get(1)));
        assertEquals(0L, UpstreamDistance.commitsAfter(dir.resolve("list").toString(), 0, commits.get(4)));
    }

    @Test
    void countsAcrossTheLaterEpochsOfAPublicInboxV2Inbox() throws Exception {
        Path inbox = dir.resolve("inbox");
        List<String> epoch0 = EmptyCommits.create(dir.resolve("src0"), 4);
        EmptyCommits.create(dir.resolve("src1"), 3);
        bareClone(dir.resolve("src0"), inbox.resolve("git/0.git"));
        bareClone(dir.resolve("src1"), inbox.resolve("git/1.git"));

        assertEquals(1L + 3L, UpstreamDistance.commitsAfter(inbox.toString(), 0, epoch0.get(2)));
        assertEquals(3L + 3L, UpstreamDistance.commitsAfter("file://" + inbox, 0, epoch0.get(0)));
    }

    @Test
    void unknownWhenItCannotBeCountedLocally() throws Exception {
        List<String> commits = EmptyCommits.create(dir.resolve("list"), 2);
        String foreign = "0123456789abcdef0123456789abcdef01234567";

        assertNull(UpstreamDistance.commitsAfter("https://lists.example/kvm", 0, commits.get(0)), "remote");
        assertNull(UpstreamDistance.commitsAfter(dir.resolve("list").toString(), 0, foreign), "rewritten upstream");
        assertNull(UpstreamDistance.commitsAfter(dir.resolve("list").toString(), 0, "0000000042"), "mbox ordinal");
        assertNull(UpstreamDistance.commitsAfter(dir.resolve("missing").toString(), 0, commits.get(0)), "gone");
    }

    private static void bareClone(Path source, Path target) throws Exception {
        Git.cloneRepository().setURI(source.toUri().toString()).setDirectory(target.toFile()).setBare(true).call().close();
    }
}
