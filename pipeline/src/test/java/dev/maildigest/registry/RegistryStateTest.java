package dev.maildigest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import dev.maildigest.registry.SchemaLog.Entry;

/** The state rebuilt from a _schemas topic as a Confluent registry may have left it. */
class RegistryStateTest {
    private static final String A = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}";
    private static final String B = "{\"type\":\"record\",\"name\":\"B\",\"fields\":[{\"name\":\"y\",\"type\":\"int\"}]}";
    private static final String C = "{\"type\":\"record\",\"name\":\"C\",\"fields\":[{\"name\":\"z\",\"type\":\"int\"}]}";

    @Test
    void readsConfluentRecordsIncludingDeletesAndNoise() {
        RegistryState state = new RegistryState();
        List.of(
                new Entry("{\"keytype\":\"NOOP\",\"magic\":0}", null),
                version("s-value", 1, 1, A, false),
                version("s-value", 2, 2, B, false),
                version("t-value", 1, 7, C, false),
                version("s-value", 2, 2, B, true), // soft-deleted by Confluent's DELETE
                new Entry("{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":1,\"magic\":1}", null), // permanent delete
                new Entry("{\"keytype\":\"CONFIG\",\"subject\":\"s-value\",\"magic\":0}", "{\"compatibilityLevel\":\"FULL\",\"alias\":null}"),
                new Entry("{\"keytype\":\"CONFIG\",\"magic\":0}", "{\"compatibilityLevel\":\"NONE\"}"),
                new Entry("{\"keytype\":\"CONFIG\",\"subject\":\"s-value\",\"magic\":0}", null), // subject level removed
                new Entry("not json", "{}"),
                new Entry("{\"keytype\":\"SCHEMA\",\"subject\":\"x\",\"magic\":1}", "{}"),
                new Entry("{\"keytype\":\"MODE\",\"magic\":0}", "{\"mode\":\"READWRITE\"}"),
                new Entry("{\"keytype\":\"SCHEMA\",\"subject\":\"p-value\",\"version\":1,\"magic\":1}",
                        "{\"subject\":\"p-value\",\"version\":1,\"id\":9,\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\",\"deleted\":false}"))
                .forEach(state::apply);

        assertEquals(List.of("s-value"), state.subjects(), "t-value has no version left; Protobuf subjects are not ours");
        assertEquals(List.of(1), state.versions("s-value"));
        assertEquals(B, state.schema(2), "ids of deleted versions still resolve, as in Confluent");
        assertEquals(C, state.schema(7));
        assertEquals(CompatibilityLevel.NONE, state.level("s-value"));
        assertEquals(null, state.configuredLevel("s-value"));
        assertEquals(40401, assertThrows(RegistryError.class, () -> state.versions("t-value")).errorCode);

        RegistryState.Registration next = state.plan("s-value", new Schema.Parser().parse(C));
        assertEquals(7, next.id(), "a schema known under another id keeps it");
        assertEquals(3, next.version(), "versions continue after deleted ones");
        RegistryState.Registration fresh = state.plan("u-value", org.apache.avro.SchemaBuilder.record("D").fields().requiredLong("w").endRecord());
        assertEquals(10, fresh.id(), "new ids follow the highest one seen, Protobuf ones included");
        assertEquals(1, fresh.version());
    }

    private static Entry version(String subject, int version, int id, String schema, boolean deleted) {
        Entry written = SchemaLogRecords.schemaVersion(subject, version, id, schema);
        return deleted ? new Entry(written.key(), written.value().replace("\"deleted\":false", "\"deleted\":true")) : written;
    }
}
