package dev.maildigest.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Where the git repositories of an archive are, one per public-inbox epoch; asked again at every poll. */
interface EpochLayout {

    /** Epoch repositories in order, oldest first; a remote one's may not be fetched yet (see {@link #update}). */
    List<Epoch> epochs() throws IOException;

    /**
     * Brings the epoch's repository up to date before it is read: a remote archive fetches it, no
     * further back than {@code history} asks. A local archive is read as it is.
     */
    default void update(Epoch epoch, History history) throws IOException {
    }

    /** @param gitDir a bare repository (or a work tree's .git) */
    record Epoch(int number, Path gitDir) {
    }

    /**
     * How much of an epoch's history a reader needs.
     *
     * @param commits the newest commits only (a shallow fetch of that depth), or 0
     * @param since   commits made at or after this time only (a shallow fetch since then), or null
     * @param whole   the whole history, including what an earlier shallow fetch left out
     */
    record History(int commits, Instant since, boolean whole) {
        /** What is new: the repository as it is, with the commits made upstream since the last fetch. */
        static final History NEW = new History(0, null, false);
        static final History WHOLE = new History(0, null, true);

        static History last(int commits) {
            return new History(commits, null, false);
        }

        static History since(Instant since) {
            return new History(0, since, false);
        }

        boolean shallow() {
            return commits > 0 || since != null;
        }
    }
}
