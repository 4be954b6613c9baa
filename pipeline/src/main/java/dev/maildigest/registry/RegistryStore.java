package dev.maildigest.registry;

import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's state kept in its log. Reads first catch up with the log, so registries sharing
 * it agree; writes are decided on the caught-up state by the registry that holds the writer role,
 * appended, and take effect when read back. One request at a time: the registry is small.
 */
final class RegistryStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RegistryStore.class);
    private static final int WRITE_ATTEMPTS = 8;

    /** The answer of a write, and the records that make it true (none when nothing changes). */
    record Planned<T>(T answer, List<SchemaLog.Entry> writes) {
    }

    private final SchemaLog schemaLog;
    private final RegistryState state = new RegistryState();
    private long applied;

    RegistryStore(SchemaLog schemaLog) {
        this.schemaLog = schemaLog;
        catchUp();
    }

    synchronized <T> T read(Function<RegistryState, T> query) {
        catchUp();
        return query.apply(state);
    }

    synchronized <T> T write(Function<RegistryState, Planned<T>> planner) {
        for (int attempt = 1; ; attempt++) {
            schemaLog.claimWriter(); // before reading: a registry that wrote meanwhile is fenced
            catchUp();
            Planned<T> planned = planner.apply(state);
            if (planned.writes().isEmpty()) {
                return planned.answer();
            }
            try {
                schemaLog.append(planned.writes());
            } catch (SchemaLog.ConflictException e) {
                if (attempt == WRITE_ATTEMPTS) {
                    throw RegistryError.store("gave up after " + attempt + " conflicting writes: " + e.getMessage(), e);
                }
                log.info("schema log write retried attempt={} reason=\"{}\"", attempt, e.getMessage());
                backOff(attempt);
                continue;
            }
            catchUp();
            return planned.answer();
        }
    }

    /**
     * Two registries that keep fencing each other would never commit: a random pause, longer at
     * each attempt, lets one of them finish first.
     */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(10, 50L * attempt + 11));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.store("interrupted between conflicting writes", e);
        }
    }

    /** Records applied since start, for logs. */
    synchronized long applied() {
        return applied;
    }

    private void catchUp() {
        for (SchemaLog.Entry entry : schemaLog.readNew()) {
            state.apply(entry);
            applied++;
        }
    }

    @Override
    public synchronized void close() {
        schemaLog.close();
    }
}
