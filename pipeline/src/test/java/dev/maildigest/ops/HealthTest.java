package dev.maildigest.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class HealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void allStagesRunningIsUpWith200() throws Exception {
        Health health = Health.of(Map.of("ingest", () -> true, "stream", () -> true));

        assertTrue(health.up());
        assertEquals(200, health.httpStatus());
        JsonNode json = JSON.readTree(health.toJson());
        assertEquals("UP", json.path("status").asText());
        assertTrue(json.path("stages").path("ingest").asBoolean());
        assertTrue(json.path("stages").path("stream").asBoolean());
    }

    @Test
    void oneStageDownMakesTheProcessDownWith503AndNamesIt() throws Exception {
        Map<String, BooleanSupplier> stages = new LinkedHashMap<>();
        stages.put("ingest", () -> true);
        stages.put("stream", () -> false);

        Health health = Health.of(stages);

        assertFalse(health.up());
        assertEquals(503, health.httpStatus());
        JsonNode json = JSON.readTree(health.toJson());
        assertEquals("DOWN", json.path("status").asText());
        assertTrue(json.path("stages").path("ingest").asBoolean());
        assertFalse(json.path("stages").path("stream").asBoolean());
    }

    @Test
    void aCheckThatThrowsCountsAsDown() {
        Health health = Health.of(Map.of("digests", () -> {
            throw new IllegalStateException("streams closed");
        }));

        assertEquals(Map.of("digests", false), health.stages());
        assertEquals(503, health.httpStatus());
    }

    @Test
    void theStageFlagFollowsTheCheckEachTimeItIsAsked() {
        boolean[] running = {true};
        Map<String, BooleanSupplier> stages = Map.of("ingest", () -> running[0]);

        assertTrue(Health.of(stages).up());
        running[0] = false;
        assertFalse(Health.of(stages).up());
    }
}
