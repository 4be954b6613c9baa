package dev.maildigest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The evolution rule of the design: each top-level schema must read data written with its last
 * released version (BACKWARD, as the registry enforces), fields are only added, and every field
 * added since carries a default. Released versions are kept in {@code schemas/released/} as the
 * full JSON of each generated class's schema (shared types inlined); see schemas/README.md.
 * <p>
 * {@code mvn -B test -Dtest=SchemaEvolutionTest -Dschemas.release=true} rewrites the snapshots
 * from the current schemas: run it when releasing, and commit them.
 */
class SchemaEvolutionTest {
    private static final String GENERATED_PACKAGE = "dev.maildigest.avro.";

    @Test
    void currentSchemasReadDataWrittenWithTheReleasedOnes() {
        List<String> checked = new ArrayList<>();
        for (String name : topLevelNames()) {
            Schema released = released(name);
            if (released == null) {
                continue; // new since the last release: it gets its snapshot at the next one
            }
            Schema current = current(name);
            var result = SchemaCompatibility.checkReaderWriterCompatibility(current, released).getResult();
            if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
                fail(name + " cannot read data written with its released version: " + result.getIncompatibilities().stream()
                        .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage()).toList());
            }
            checked.add(name);
        }
        assertFalse(checked.isEmpty(), "no released snapshot found in " + schemasDir().resolve("released"));
    }

    @Test
    void fieldsAreOnlyAddedAndAddedFieldsHaveDefaults() {
        List<String> problems = new ArrayList<>();
        for (String name : topLevelNames()) {
            Schema released = released(name);
            if (released != null) {
                compareRecords(released, current(name), name, new HashSet<>(), problems);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyReleasedSchemaIsStillThere() throws IOException {
        try (Stream<Path> files = Files.list(schemasDir().resolve("released"))) {
            List<String> releasedNames = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".avsc")).map(f -> f.substring(0, f.length() - 5)).sorted().toList();
            List<String> gone = releasedNames.stream().filter(n -> !topLevelNames().contains(n)).toList();
            assertEquals(List.of(), gone, "released schemas without a current one: their topics' readers would break");
        }
    }

    /** The rule checker must see a field added without a default, and a removed field. */
    @Test
    void theRuleCheckerCatchesBreakingChanges() {
        Schema released = new Schema.Parser().parse("""
                {"type": "record", "name": "R", "fields": [
                  {"name": "a", "type": "string"},
                  {"name": "inner", "type": {"type": "record", "name": "I", "fields": [{"name": "x", "type": "int"}]}},
                  {"name": "gone", "type": "int", "default": 0}]}""");
        Schema current = new Schema.Parser().parse("""
                {"type": "record", "name": "R", "fields": [
                  {"name": "a", "type": "string"},
                  {"name": "inner", "type": {"type": "record", "name": "I", "fields": [
                    {"name": "x", "type": "int"}, {"name": "y", "type": "int"}]}},
                  {"name": "b", "type": ["null", "string"], "default": null}]}""");
        List<String> problems = new ArrayList<>();
        compareRecords(released, current, "R", new HashSet<>(), problems);
        assertEquals(List.of("R.inner.y was added without a default", "R.gone was removed"), problems);
    }

    @Test
    @EnabledIfSystemProperty(named = "schemas.release", matches = "true")
    void writeReleasedSnapshots() throws IOException {
        Path dir = schemasDir().resolve("released");
        Files.createDirectories(dir);
        for (String name : topLevelNames()) {
            Files.writeString(dir.resolve(name + ".avsc"), current(name).toString(true) + "\n", StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(dir.resolve(topLevelNames().get(0) + ".avsc")));
    }

    private static void compareRecords(Schema released, Schema current, String path, Set<String> seen, List<String> problems) {
        if (!seen.add(current.getFullName())) {
            return;
        }
        for (Schema.Field field : current.getFields()) {
            Schema.Field before = releasedField(released, field);
            if (before == null) {
                if (!field.hasDefaultValue()) {
                    problems.add(path + "." + field.name() + " was added without a default");
                }
            } else {
                compareTypes(before.schema(), field.schema(), path + "." + field.name(), seen, problems);
            }
        }
        for (Schema.Field before : released.getFields()) {
            if (current.getField(before.name()) == null && current.getFields().stream().noneMatch(f -> f.aliases().contains(before.name()))) {
                problems.add(path + "." + before.name() + " was removed");
            }
        }
    }

    private static Schema.Field releasedField(Schema released, Schema.Field field) {
        Schema.Field same = released.getField(field.name());
        if (same != null) {
            return same;
        }
        return field.aliases().stream().map(released::getField).filter(f -> f != null).findFirst().orElse(null);
    }

    /** Follows records through unions, arrays and maps, matching records by full name. */
    private static void compareTypes(Schema released, Schema current, String path, Set<String> seen, List<String> problems) {
        for (Schema branch : branches(current)) {
            for (Schema old : branches(released)) {
                if (branch.getType() == Schema.Type.RECORD && old.getType() == Schema.Type.RECORD
                        && (branch.getFullName().equals(old.getFullName()) || branch.getAliases().contains(old.getFullName()))) {
                    compareRecords(old, branch, path, seen, problems);
                } else if (branch.getType() == Schema.Type.ARRAY && old.getType() == Schema.Type.ARRAY) {
                    compareTypes(old.getElementType(), branch.getElementType(), path + "[]", seen, problems);
                } else if (branch.getType() == Schema.Type.MAP && old.getType() == Schema.Type.MAP) {
                    compareTypes(old.getValueType(), branch.getValueType(), path + "{}", seen, problems);
                }
            }
        }
    }

    private static List<Schema> branches(Schema schema) {
        return schema.getType() == Schema.Type.UNION ? schema.getTypes() : List.of(schema);
    }

    /** schemas/ at the repository root, from the module folder (Maven) or the root (IDEs). */
    static Path schemasDir() {
        Path fromModule = Path.of("..", "schemas");
        return Files.isDirectory(fromModule) ? fromModule : Path.of("schemas");
    }

    /** Names of the top-level schemas: schemas/*.avsc, each generated as dev.maildigest.avro.NAME. */
    static List<String> topLevelNames() {
        try (Stream<Path> files = Files.list(schemasDir())) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".avsc"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Schema current(String name) {
        try {
            return (Schema) Class.forName(GENERATED_PACKAGE + name).getMethod("getClassSchema").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no generated class for schemas/" + name + ".avsc", e);
        }
    }

    static Schema released(String name) {
        Path file = schemasDir().resolve("released").resolve(name + ".avsc");
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
