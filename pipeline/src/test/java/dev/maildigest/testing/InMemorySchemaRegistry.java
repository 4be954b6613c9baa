package dev.maildigest.testing;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

import dev.maildigest.registry.SchemaRegistry;

/** Unit tests only: a registry in a list, ids from 1. */
public final class InMemorySchemaRegistry implements SchemaRegistry {
    private final List<Schema> schemas = new ArrayList<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        int index = schemas.indexOf(schema);
        if (index < 0) {
            schemas.add(schema);
            index = schemas.size() - 1;
        }
        return index + 1;
    }

    @Override
    public synchronized Schema byId(int id) {
        return schemas.get(id - 1);
    }
}
