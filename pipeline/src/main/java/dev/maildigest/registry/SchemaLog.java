package dev.maildigest.registry;

import java.util.List;

/**
 * Where the embedded registry keeps its records, in order: Confluent's {@code _schemas} format,
 * JSON keys and values. Kafka in the product ({@link KafkaSchemaLog}); a list in unit tests.
 */
interface SchemaLog extends AutoCloseable {

    /** One record of the log; a null value deletes its key (compaction tombstone). */
    record Entry(String key, String value) {
    }

    /** Another registry wrote to the log since this one last read it: read again and retry. */
    final class ConflictException extends RuntimeException {
        ConflictException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Makes this registry the log's only writer, fencing any other one, before it reads the state
     * a write is decided on. Cheap when it already is the writer.
     */
    void claimWriter();

    /** The records appended since the last call (by anyone), in log order, up to the current end. */
    List<Entry> readNew();

    /**
     * Appends {@code entries} atomically and durably.
     *
     * @throws ConflictException when another writer took over since {@link #claimWriter()}
     */
    void append(List<Entry> entries);

    @Override
    void close();
}
