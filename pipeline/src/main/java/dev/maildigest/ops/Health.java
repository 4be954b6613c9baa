package dev.maildigest.ops;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Whether each stage of this process runs, as the health endpoint reports it. */
public record Health(Map<String, Boolean> stages) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Asks every stage now; a stage whose check throws counts as down. */
    public static Health of(Map<String, BooleanSupplier> checks) {
        Map<String, Boolean> stages = new TreeMap<>();
        checks.forEach((stage, check) -> {
            boolean up;
            try {
                up = check.getAsBoolean();
            } catch (RuntimeException e) {
                up = false;
            }
            stages.put(stage, up);
        });
        return new Health(stages);
    }

    /** Up when every stage is (a process without stages is up). */
    public boolean up() {
        return stages.values().stream().allMatch(Boolean::booleanValue);
    }

    /** 200 when up, 503 otherwise, so that load balancers and probes need not read the body. */
    public int httpStatus() {
        return up() ? 200 : 503;
    }

    /** {@code {"status":"UP","stages":{"ingest":true,...}}} */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode().put("status", up() ? "UP" : "DOWN");
        ObjectNode stageNodes = root.putObject("stages");
        stages.forEach(stageNodes::put);
        return root.toString();
    }
}
