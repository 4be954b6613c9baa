package dev.maildigest.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.registry.CompatibilityLevel.Earlier;
import dev.maildigest.registry.CompatibilityLevel.Problem;

/**
 * What the registry knows, rebuilt by applying its log in order: schemas by global id, the
 * versions of each subject, compatibility levels. Changes never happen here directly: writes are
 * planned as log records, and take effect when read back.
 */
final class RegistryState {
    private static final Logger log = LoggerFactory.getLogger(RegistryState.class);

    /** A live version of a subject. */
    record Version(String subject, int version, int id, String schema) {
    }

    /** The id a schema gets under a subject, and the records to write for it (none if already there). */
    record Registration(int id, int version, List<SchemaLog.Entry> writes) {
    }

    private final Map<Integer, String> schemaById = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    private final Map<Integer, Schema> parsedById = new HashMap<>();
    private final Map<String, TreeMap<Integer, Version>> liveVersions = new TreeMap<>();
    private final Map<String, Integer> highestVersion = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int highestId;

    /** Parses a schema as submitted: Avro's parser with its checks of names and defaults. */
    static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw RegistryError.invalidSchema("Empty schema");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException | org.apache.avro.AvroTypeException e) {
            throw RegistryError.invalidSchema("Invalid schema: " + e.getMessage());
        }
    }

    void apply(SchemaLog.Entry entry) {
        SchemaLogRecords.Record record;
        try {
            record = SchemaLogRecords.parse(entry);
        } catch (IllegalArgumentException e) {
            log.warn("schema log record skipped reason=\"{}\"", e.getMessage());
            return;
        }
        if (record instanceof SchemaLogRecords.SchemaVersion v) {
            applyVersion(v);
        } else if (record instanceof SchemaLogRecords.Config c) {
            CompatibilityLevel level = CompatibilityLevel.forName(c.level());
            if (c.level() != null && level == null) {
                log.warn("schema log config skipped subject={} level={}", c.subject(), c.level());
            } else if (c.subject() == null) {
                globalLevel = level;
            } else if (level == null) {
                subjectLevels.remove(c.subject());
            } else {
                subjectLevels.put(c.subject(), level);
            }
        }
    }

    private void applyVersion(SchemaLogRecords.SchemaVersion v) {
        if (!v.avro()) {
            highestId = Math.max(highestId, v.id()); // the id is taken, the schema is not ours to serve
            highestVersion.merge(v.subject(), v.version(), Math::max);
            return;
        }
        TreeMap<Integer, Version> versions = liveVersions.computeIfAbsent(v.subject(), s -> new TreeMap<>());
        highestVersion.merge(v.subject(), v.version(), Math::max);
        if (v.schema() == null || v.deleted()) {
            versions.remove(v.version());
            if (versions.isEmpty()) {
                liveVersions.remove(v.subject());
            }
            if (v.schema() == null) {
                return;
            }
        }
        String known = schemaById.putIfAbsent(v.id(), v.schema());
        if (known != null && !known.equals(v.schema())) {
            log.warn("schema log record gives id={} to another schema subject={} version={}; the first one is kept",
                    v.id(), v.subject(), v.version());
        }
        idByCanonical.putIfAbsent(canonical(v.schema()), v.id());
        highestId = Math.max(highestId, v.id());
        if (!v.deleted()) {
            versions.put(v.version(), new Version(v.subject(), v.version(), v.id(), schemaById.get(v.id())));
        }
    }

    /** Registered schemas compare as Confluent does: by Avro's normalised JSON of the parsed schema. */
    private static String canonical(String schema) {
        try {
            return new Schema.Parser().parse(schema).toString();
        } catch (RuntimeException e) {
            return schema;
        }
    }

    String schema(int id) {
        String schema = schemaById.get(id);
        if (schema == null) {
            throw RegistryError.schemaNotFound(id);
        }
        return schema;
    }

    List<String> subjects() {
        return List.copyOf(liveVersions.keySet());
    }

    List<Integer> versions(String subject) {
        return List.copyOf(versionsOf(subject).keySet());
    }

    /** A version of the subject; {@code version} -1 is the latest. */
    Version version(String subject, int version) {
        TreeMap<Integer, Version> versions = versionsOf(subject);
        Version found = version == -1 ? versions.lastEntry().getValue() : versions.get(version);
        if (found == null) {
            throw RegistryError.versionNotFound(version);
        }
        return found;
    }

    /** The version of the subject holding this schema. */
    Version find(String subject, Schema schema) {
        String canonical = schema.toString();
        return versionsOf(subject).values().stream()
                .filter(v -> canonical(v.schema()).equals(canonical))
                .findFirst()
                .orElseThrow(() -> RegistryError.schemaNotFound(null));
    }

    private TreeMap<Integer, Version> versionsOf(String subject) {
        TreeMap<Integer, Version> versions = liveVersions.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions;
    }

    /** The level set for the subject (null: the global level), or the global one; null when never set. */
    CompatibilityLevel configuredLevel(String subject) {
        return subject == null ? globalLevel : subjectLevels.get(subject);
    }

    /** The level that decides for the subject. */
    CompatibilityLevel level(String subject) {
        CompatibilityLevel level = subjectLevels.get(subject);
        if (level == null) {
            level = globalLevel;
        }
        return level == null ? CompatibilityLevel.DEFAULT : level;
    }

    /**
     * Why {@code candidate} may not follow the subject's versions under its level: against all
     * of them ({@code version} -1, as the subject's level decides) or against one.
     */
    List<Problem> problems(String subject, Schema candidate, int version) {
        List<Earlier> earlier = new ArrayList<>();
        if (version == -1) {
            TreeMap<Integer, Version> versions = liveVersions.get(subject);
            if (versions != null) {
                versions.values().forEach(v -> earlier.add(earlier(v)));
            }
        } else {
            earlier.add(earlier(version(subject, version)));
        }
        return level(subject).problems(candidate, earlier);
    }

    private Earlier earlier(Version v) {
        return new Earlier(v.version(), parsedById.computeIfAbsent(v.id(), id -> new Schema.Parser().parse(v.schema())));
    }

    /**
     * Plans registering {@code schema} under {@code subject}: its existing version when it is there,
     * else a new version, with the id the same schema has elsewhere or the next free one.
     *
     * @throws RegistryError 409 when the subject's compatibility level refuses it
     */
    Registration plan(String subject, Schema schema) {
        String canonical = schema.toString();
        TreeMap<Integer, Version> versions = liveVersions.get(subject);
        if (versions != null) {
            for (Version v : versions.values()) {
                if (canonical(v.schema()).equals(canonical)) {
                    return new Registration(v.id(), v.version(), List.of());
                }
            }
        }
        List<Problem> problems = problems(subject, schema, -1);
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            String details = problems.stream().map(Problem::toString).collect(Collectors.joining(", "));
            throw RegistryError.incompatible("Schema being registered is incompatible with an earlier schema for subject \""
                    + subject + "\", details: [" + details + ", {oldSchemaVersion: " + first.version()
                    + "}, {compatibility: '" + level(subject) + "'}]");
        }
        int id = idByCanonical.getOrDefault(canonical, highestId + 1);
        int version = highestVersion.getOrDefault(subject, 0) + 1;
        return new Registration(id, version, List.of(SchemaLogRecords.schemaVersion(subject, version, id, canonical)));
    }
}
