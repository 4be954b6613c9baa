package dev.maildigest.ingest;

import java.nio.file.Path;

import dev.maildigest.config.Topics;
import dev.maildigest.config.UserError;

/**
 * How the ingester cuts and publishes.
 *
 * @param maxRange        most commits per range (a range becomes one digest)
 * @param maxMessageBytes larger messages are published as rejected and sent to the dead letters
 * @param cacheDir        where remote archives are mirrored, one folder per archive name
 * @param start           where an archive without a checkpoint starts ({@code --since}, {@code --last}),
 *                        or null for its first commit
 * @param workers         how many ingest workers (transactional producers) share the archives
 */
public record IngestOptions(int maxRange, int maxMessageBytes, Path cacheDir, StartingPoint start, int workers) {

    /**
     * 100 commits: a busy list such as kvm brings about that many messages a day, and a digest of
     * that size still reads in a few minutes; a backfill becomes a series of such digests.
     */
    public static final int DEFAULT_MAX_RANGE = 100;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
    /**
     * A backfill commits consecutive ranges together until this much mail is sent: every
     * transaction costs the broker and both clients the same round trips and markers whatever its
     * size. A range is still whole or absent, the checkpoint still moves with the ranges it covers,
     * and a follower's one new range still commits at once.
     */
    public static final long TRANSACTION_TARGET_BYTES = 8L * 1024 * 1024;
    /** Room left in a record for the coordinates and the Avro framing around the message. */
    static final int RECORD_OVERHEAD = 64 * 1024;

    public IngestOptions {
        if (maxRange < 1) {
            throw new UserError("--max-range must be at least 1 (got " + maxRange + ")");
        }
        int ceiling = Topics.MAX_MESSAGE_BYTES - RECORD_OVERHEAD;
        if (maxMessageBytes < 1 || maxMessageBytes > ceiling) {
            throw new UserError("--max-message-bytes must be between 1 and " + ceiling + " (got " + maxMessageBytes + ")");
        }
    }

    /** With {@link WorkerIds#DEFAULT_WORKERS} workers. */
    public IngestOptions(int maxRange, int maxMessageBytes, Path cacheDir, StartingPoint start) {
        this(maxRange, maxMessageBytes, cacheDir, start, WorkerIds.DEFAULT_WORKERS);
    }

    /** From the archive's first commit. */
    public IngestOptions(int maxRange, int maxMessageBytes, Path cacheDir) {
        this(maxRange, maxMessageBytes, cacheDir, null);
    }

    public static IngestOptions defaults(Path cacheDir) {
        return new IngestOptions(DEFAULT_MAX_RANGE, DEFAULT_MAX_MESSAGE_BYTES, cacheDir);
    }
}
