package dev.maildigest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import dev.maildigest.registry.CompatibilityLevel.Earlier;

class CompatibilityLevelTest {
    private static final Schema V1 = record("{\"name\": \"a\", \"type\": \"string\"}");
    private static final Schema V2 = record("{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"int\", \"default\": 1}");
    /** Reads V2 data (b is there) but not V1 data (no b, no default); V1 and V2 readers need a. */
    private static final Schema V3 = record("{\"name\": \"b\", \"type\": \"int\"}");
    private static final List<Earlier> HISTORY = List.of(new Earlier(1, V1), new Earlier(2, V2));

    @Test
    void eachLevelChecksItsDirectionAndDepth() {
        assertEquals(List.of(), problemTypes(CompatibilityLevel.BACKWARD), "latest only: V3 reads V2");
        assertEquals(List.of("1:READER_FIELD_MISSING_DEFAULT_VALUE"), problemTypes(CompatibilityLevel.BACKWARD_TRANSITIVE));
        assertEquals(List.of("2:READER_FIELD_MISSING_DEFAULT_VALUE"), problemTypes(CompatibilityLevel.FORWARD), "V2 cannot read V3: a is missing");
        assertEquals(List.of("1:READER_FIELD_MISSING_DEFAULT_VALUE", "2:READER_FIELD_MISSING_DEFAULT_VALUE"),
                problemTypes(CompatibilityLevel.FORWARD_TRANSITIVE));
        assertEquals(List.of("2:READER_FIELD_MISSING_DEFAULT_VALUE"), problemTypes(CompatibilityLevel.FULL));
        assertEquals(List.of("1:READER_FIELD_MISSING_DEFAULT_VALUE", "1:READER_FIELD_MISSING_DEFAULT_VALUE",
                "2:READER_FIELD_MISSING_DEFAULT_VALUE"), problemTypes(CompatibilityLevel.FULL_TRANSITIVE));
        assertEquals(List.of(), problemTypes(CompatibilityLevel.NONE));
        assertEquals(List.of(), CompatibilityLevel.FULL_TRANSITIVE.problems(V3, List.of()), "a first version is always fine");
    }

    @Test
    void namesAreReadInAnyCase() {
        assertEquals(CompatibilityLevel.FULL_TRANSITIVE, CompatibilityLevel.forName(" full_transitive "));
        assertEquals(CompatibilityLevel.NONE, CompatibilityLevel.forName("None"));
        assertNull(CompatibilityLevel.forName("sideways"));
        assertNull(CompatibilityLevel.forName(null));
        assertEquals(CompatibilityLevel.BACKWARD, CompatibilityLevel.DEFAULT);
    }

    private static List<String> problemTypes(CompatibilityLevel level) {
        return level.problems(V3, HISTORY).stream()
                .map(p -> p.version() + ":" + p.incompatibility().getType()).toList();
    }

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"T\", \"fields\": [" + fields + "]}");
    }
}
