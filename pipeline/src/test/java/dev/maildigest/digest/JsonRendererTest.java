package dev.maildigest.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonRendererTest {
    private final JsonRenderer json = new JsonRenderer();

    @Test
    void wholeSampleMatchesItsGoldenFile() {
        Golden.assertMatches("gears.json", json.render(SampleDigests.gears()));
    }

    @Test
    void usesPlainJsonValues() throws Exception {
        JsonNode root = new ObjectMapper().readTree(json.render(SampleDigests.gears()));
        assertEquals("gears", root.path("list").asText());
        assertEquals("b04e6d18a2c3f4e5d6b7a8c9d0e1f2a3b4c5d6e7", root.path("range").path("last").asText());
        assertEquals("2026-11-26T21:04:00Z", root.path("dateFrom").asText(), "timestamps as ISO-8601");
        assertEquals("Ada Lindqvist", root.path("topContributors").path(0).path("author").path("name").asText());
        assertEquals(5, root.path("topContributors").path(0).path("count").asInt());
        assertTrue(root.path("topContributors").path(3).path("author").path("name").isNull(), "no name: null, not a union wrapper");
        JsonNode single = root.path("patches").path(0);
        assertEquals("PATCH", single.path("kind").asText(), "enums as their symbol");
        assertEquals("bo@okafor.example", single.path("sender").path("email").asText());
        assertEquals(1, single.path("diff").path("insertions").asInt());
        assertTrue(root.path("patches").path(1).path("sender").isNull());
        assertEquals("Fixes", single.path("trailers").path(0).path("name").asText());
        assertTrue(single.path("trailers").path(0).path("person").isNull());
        assertEquals("chen.wu@gearworks.example", single.path("trailers").path(1).path("person").path("email").asText());
        assertEquals("RFC", root.path("series").path(2).path("labels").path(0).asText());
        assertEquals(3, root.path("reviews").path(0).path("reviewedBy").asInt());
        assertFalse(root.has("text"), "the rendered text is its own document");
    }
}
