package dev.maildigest.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/** Tests only: a git repository of {@code count} empty commits on master, for checkpoints to point into. */
final class EmptyCommits {
    private EmptyCommits() {
    }

    /** Creates the repository at {@code where}; returns the commit ids, oldest first. */
    static List<String> create(Path where, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        PersonIdent author = new PersonIdent("Test Author", "author@example.org");
        try (Git git = Git.init().setDirectory(where.toFile()).setInitialBranch("master").call()) {
            for (int i = 1; i <= count; i++) {
                ids.add(git.commit().setMessage("message " + i).setAuthor(author).setCommitter(author)
                        .setAllowEmpty(true).setSign(false).call().getName());
            }
        }
        return ids;
    }
}
