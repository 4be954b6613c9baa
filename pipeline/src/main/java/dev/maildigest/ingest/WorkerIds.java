package dev.maildigest.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.maildigest.config.Topics;
import dev.maildigest.config.UserError;
import dev.maildigest.process.InstanceId;

/**
 * Who the ingest workers are to Kafka. Worker {@code i} of the instance kept in the data folder
 * ({@link InstanceId}) always has the transactional id {@code <prefix><instance>-ingest-<i>}: a
 * restart of the same process takes the same ids, so its first {@code initTransactions} fences the
 * zombie it replaces and aborts the range that was open when it died, before any checkpoint is read.
 *
 * @param instance the data folder's instance id
 * @param workers  how many workers (and transactional producers) this process runs
 * @param retired  how many workers an earlier run of this instance had at most ({@code >= workers}):
 *                 the ids above {@code workers} are fenced at start too, so that fewer workers after
 *                 a crash leave no transaction open that would hold read_committed readers back
 */
public record WorkerIds(String instance, int workers, int retired) {
    /** Two: one archive's backfill does not hold up the others, and it costs two producers only. */
    public static final int DEFAULT_WORKERS = 2;
    /** Each worker has a producer with its own 64 MiB buffer and connections: a few are plenty. */
    public static final int MAX_WORKERS = 32;
    static final String FILE = "maildigest-ingest-workers";

    public WorkerIds {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new UserError("--ingest-workers must be between 1 and " + MAX_WORKERS + " (got " + workers + ")");
        }
        retired = Math.max(retired, workers);
    }

    /** For embedding and tests: one instance named {@code instance}, nothing retired. */
    public static WorkerIds of(String instance, int workers) {
        return new WorkerIds(instance, workers, workers);
    }

    /**
     * The data folder's instance with {@code workers} workers. The most workers any run of it had is
     * kept next to the instance id and never decreases: fencing an id with no transaction costs one
     * round trip at start.
     */
    public static WorkerIds of(Path dataDir, int workers) {
        String instance = InstanceId.of(dataDir);
        Path file = dataDir.resolve(FILE);
        int before = 0;
        try {
            if (Files.exists(file)) {
                before = Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).trim());
            }
        } catch (IOException | NumberFormatException e) {
            before = MAX_WORKERS; // unreadable: fence every id this instance can have had
        }
        WorkerIds ids = new WorkerIds(instance, workers, before);
        if (ids.retired() != before) {
            try {
                Files.writeString(file, ids.retired() + "\n", StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UserError("cannot keep the number of ingest workers in " + file + ": " + e.getMessage(), e);
            }
        }
        return ids;
    }

    /** Worker {@code index}'s transactional id, which is also its client id. */
    public String transactionalId(Topics topics, int index) {
        return topics.id(instance + "-ingest-" + index);
    }
}
