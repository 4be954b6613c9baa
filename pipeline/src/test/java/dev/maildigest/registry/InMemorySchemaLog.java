package dev.maildigest.registry;

import java.util.ArrayList;
import java.util.List;

/** Unit tests only: the registry's log in a list, which several registries may share. */
final class InMemorySchemaLog implements SchemaLog {
    private final List<Entry> entries;
    private int read;

    InMemorySchemaLog() {
        this(new ArrayList<>());
    }

    /** A log reading and writing the same list as {@code other}. */
    InMemorySchemaLog(InMemorySchemaLog other) {
        this(other.entries);
    }

    private InMemorySchemaLog(List<Entry> entries) {
        this.entries = entries;
    }

    @Override
    public void claimWriter() {
        // one list, one lock: nothing to claim
    }

    @Override
    public List<Entry> readNew() {
        synchronized (entries) {
            List<Entry> fresh = new ArrayList<>(entries.subList(read, entries.size()));
            read = entries.size();
            return fresh;
        }
    }

    @Override
    public void append(List<Entry> appended) {
        synchronized (entries) {
            entries.addAll(appended);
        }
    }

    List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    @Override
    public void close() {
        // nothing held
    }
}
