package dev.maildigest.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The process' own meters in Prometheus' conventions: base units named in the metric, counters ending in _total. */
class PrometheusNamingTest {

    @Test
    void processCpuIsInSecondsUnderPrometheusStandardName() {
        String text = PipelineMetrics.scrape();
        assertTrue(PrometheusText.value(text, "process_cpu_seconds_total", "") > 0, "process_cpu_seconds_total is there");
        assertFalse(text.contains("process_cpu_time_ns_total"), "no nanoseconds");
    }

    @Test
    void thePipelinesMetersNameTheirUnits() {
        PipelineMetrics.bytesIngested("naming-test").increment(10);
        PipelineMetrics.stageTime("naming-test").record(java.time.Duration.ofMillis(5));
        String text = PipelineMetrics.scrape();
        for (String name : List.of("maildigest_ingested_bytes_total", "maildigest_stage_time_seconds_sum", "maildigest_stage_time_seconds_count")) {
            assertTrue(text.lines().anyMatch(l -> l.startsWith(name + "{") && l.contains("naming-test")), name);
        }
        assertTrue(text.lines().filter(l -> l.startsWith("maildigest_")).noneMatch(l -> l.matches("maildigest_\\w*_(ms|ns|milliseconds)\\b.*")),
                "no maildigest meter in ms or ns");
    }
}
