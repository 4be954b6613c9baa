package dev.maildigest.testing;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

import dev.maildigest.registry.SchemaRegistry;
import dev.maildigest.registry.SchemaRegistryException;

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

    /** Like a real registry, an unknown id is Confluent's 40403 (which serdes treat as bad data). */
    @Override
    public synchronized Schema byId(int id) {
        if (id < 1 || id > schemas.size()) {
            throw new SchemaRegistryException("Schema " + id + " not found", 404, 40403);
        }
        return schemas.get(id - 1);
    }
}
