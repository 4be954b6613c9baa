package dev.maildigest.registry;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Confluent's {@code _schemas} record format, so that the topic reads the same as one a Confluent
 * registry wrote. Keys keep Confluent's field order: compaction compares key bytes.
 * <pre>
 * SCHEMA key {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}
 *      value {"subject":"s","version":1,"id":1,"schema":"...","deleted":false}
 * CONFIG key {"keytype":"CONFIG","subject":"s","magic":0}   (no subject: the global level)
 *      value {"compatibilityLevel":"BACKWARD"}
 * </pre>
 * Other key types (NOOP, MODE, DELETE_SUBJECT...) are read as {@link Other} and ignored.
 */
final class SchemaLogRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaLogRecords() {
    }

    /** What a record of the log says. */
    sealed interface Record permits SchemaVersion, Config, Other {
    }

    /**
     * A version of a subject; {@code deleted} when soft-deleted, schema null when the key is a
     * tombstone. A Confluent registry may hold Protobuf and JSON schemas too: their ids are taken.
     */
    record SchemaVersion(String subject, int version, int id, String schema, boolean deleted, String schemaType) implements Record {
        boolean avro() {
            return schemaType.equals("AVRO");
        }
    }

    /** A compatibility level; subject null for the global one, level null when it was removed. */
    record Config(String subject, String level) implements Record {
    }

    record Other(String keyType) implements Record {
    }

    static SchemaLog.Entry schemaVersion(String subject, int version, int id, String schema) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", subject)
                .put("version", version).put("magic", 1);
        ObjectNode value = JSON.createObjectNode().put("subject", subject).put("version", version)
                .put("id", id).put("schema", schema).put("deleted", false);
        return new SchemaLog.Entry(key.toString(), value.toString());
    }

    static SchemaLog.Entry config(String subject, CompatibilityLevel level) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG");
        if (subject != null) {
            key.put("subject", subject);
        }
        key.put("magic", 0);
        return new SchemaLog.Entry(key.toString(), JSON.createObjectNode().put("compatibilityLevel", level.name()).toString());
    }

    /**
     * Reads one record.
     *
     * @throws IllegalArgumentException when it is not in Confluent's format
     */
    static Record parse(SchemaLog.Entry entry) {
        JsonNode key = tree(entry.key());
        JsonNode value = entry.value() == null ? null : tree(entry.value());
        String keyType = key.path("keytype").asText("");
        String subject = key.hasNonNull("subject") ? key.get("subject").asText() : null;
        switch (keyType) {
            case "SCHEMA" -> {
                if (subject == null || !key.path("version").canConvertToInt()) {
                    throw new IllegalArgumentException("SCHEMA key without subject or version: " + entry.key());
                }
                int version = key.get("version").asInt();
                if (value == null) {
                    return new SchemaVersion(subject, version, -1, null, true, "AVRO");
                }
                if (!value.path("id").canConvertToInt() || !value.path("schema").isTextual()) {
                    throw new IllegalArgumentException("SCHEMA value without id or schema: " + entry.value());
                }
                return new SchemaVersion(subject, version, value.get("id").asInt(), value.get("schema").asText(),
                        value.path("deleted").asBoolean(false), value.path("schemaType").asText("AVRO"));
            }
            case "CONFIG" -> {
                return new Config(subject, value == null || !value.hasNonNull("compatibilityLevel") ? null
                        : value.get("compatibilityLevel").asText());
            }
            default -> {
                return new Other(keyType);
            }
        }
    }

    private static JsonNode tree(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object: " + json);
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
