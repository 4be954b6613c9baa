package dev.maildigest.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Where the git repositories of an archive are, one per public-inbox epoch; asked again at every poll. */
interface EpochLayout {

    /** Epoch repositories in order, oldest first. */
    List<Epoch> epochs() throws IOException;

    /** @param gitDir a bare repository (or a work tree's .git) */
    record Epoch(int number, Path gitDir) {
    }
}
