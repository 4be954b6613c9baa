package dev.maildigest.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Meters are process-wide, so each test uses its own label values and compares before with after. */
class PipelineMetricsTest {

    @Test
    void countersShowInThePrometheusTextWithTheirLabelsAndMove() {
        PipelineMetrics.messagesIngested("metrics-test-a").increment(3);
        PipelineMetrics.bytesIngested("metrics-test-a").increment(4096);
        PipelineMetrics.deadLettered("metrics-test-parse").increment();
        PipelineMetrics.digestsEmitted("metrics-test-a").increment(2);
        PipelineMetrics.messagesParsed(); // shown from its first use on, at 0
        double parsedBefore = PrometheusText.value(PipelineMetrics.scrape(), "maildigest_messages_parsed_total", "");

        PipelineMetrics.messagesParsed().increment(5);
        PipelineMetrics.messagesIngested("metrics-test-a").increment();

        String text = PipelineMetrics.scrape();
        assertEquals(4.0, PrometheusText.value(text, "maildigest_messages_ingested_total", "list=\"metrics-test-a\""));
        assertEquals(4096.0, PrometheusText.value(text, "maildigest_ingested_bytes_total", "list=\"metrics-test-a\""));
        assertEquals(1.0, PrometheusText.value(text, "maildigest_messages_dead_lettered_total", "stage=\"metrics-test-parse\""));
        assertEquals(2.0, PrometheusText.value(text, "maildigest_digests_emitted_total", "list=\"metrics-test-a\""));
        assertEquals(parsedBefore + 5, PrometheusText.value(text, "maildigest_messages_parsed_total", ""));
        assertTrue(text.contains("# TYPE maildigest_messages_ingested_total counter"), "typed for Prometheus");
    }

    @Test
    void gaugesShowTheCurrentValueOfTheirAtomics() {
        PipelineMetrics.commitsBehind("/srv/metrics-test-archive").set(42);
        double before = PrometheusText.value(PipelineMetrics.scrape(), "maildigest_ranges_open", "");
        PipelineMetrics.rangesOpen("metrics-test-task-a", 2);
        PipelineMetrics.rangesOpen("metrics-test-task-b", 1);

        String text = PipelineMetrics.scrape();
        assertEquals(42.0, PrometheusText.value(text, "maildigest_commits_behind", "archive=\"/srv/metrics-test-archive\""));
        assertEquals(before + 3, PrometheusText.value(text, "maildigest_ranges_open", ""), "the sum over the tasks");

        PipelineMetrics.commitsBehind("/srv/metrics-test-archive").set(7);
        PipelineMetrics.forgetRangesOpen("metrics-test-task-a");
        text = PipelineMetrics.scrape();
        assertEquals(7.0, PrometheusText.value(text, "maildigest_commits_behind", "archive=\"/srv/metrics-test-archive\""));
        assertEquals(before + 1, PrometheusText.value(text, "maildigest_ranges_open", ""), "a task that left counts no more");
        PipelineMetrics.forgetRangesOpen("metrics-test-task-b");
    }

    @Test
    void anArchiveUrlLosesItsCredentialsBeforeItBecomesALabel() {
        PipelineMetrics.commitsBehind("https://reader:s3cr3t-token@mirror.example/lists/metrics-test").set(1);

        String text = PipelineMetrics.scrape();
        assertFalse(text.contains("s3cr3t-token"));
        assertEquals(1.0, PrometheusText.value(text, "maildigest_commits_behind", "archive=\"https://mirror.example/lists/metrics-test\""));
    }

    @Test
    void commitsBehindIsKnownOnlyForArchivesThisProcessTracks() {
        PipelineMetrics.commitsBehind("metrics-test-tracked").set(3);

        assertEquals(3L, PipelineMetrics.commitsBehindIfKnown("metrics-test-tracked"));
        assertNull(PipelineMetrics.commitsBehindIfKnown("metrics-test-never-seen"));
    }
}
