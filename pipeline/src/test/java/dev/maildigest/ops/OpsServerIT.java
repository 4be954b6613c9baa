package dev.maildigest.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.management.ObjectName;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.testing.TestStack;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

class OpsServerIT {
    private static final String CLIENT = "maildigest-ingest-ops-it";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void scrapesPipelineCountersMovingBesideTheMetricsOfABoundProducer() throws Exception {
        AtomicBoolean ingestRuns = new AtomicBoolean(true);
        try (TestStack stack = TestStack.start(dir);
                OpsServer ops = OpsServer.start(0, Map.of("ingest", ingestRuns::get, "stream", () -> true));
                var producer = new KafkaProducer<>(stack.config().transactionalProducer(CLIENT, CLIENT),
                        new StringSerializer(), new StringSerializer());
                KafkaClientMetrics binding = OpsServer.bind(producer)) {
            HttpResponse<String> first = get(ops, "/metrics");
            assertEquals(200, first.statusCode());
            assertEquals(OpsServer.PROMETHEUS_TEXT, first.headers().firstValue("Content-Type").orElse(""));
            double ingestedBefore = orZero(PrometheusText.value(first.body(), "maildigest_messages_ingested_total", "list=\"ops-it\""));

            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("mail.raw", "ops-it-" + i, "mail " + i));
            }
            producer.commitTransaction();
            PipelineMetrics.messagesIngested("ops-it").increment(3);
            PipelineMetrics.digestsEmitted("ops-it").increment();

            String second = get(ops, "/metrics").body();
            assertEquals(ingestedBefore + 3, PrometheusText.value(second, "maildigest_messages_ingested_total", "list=\"ops-it\""));
            assertEquals(1.0, PrometheusText.value(second, "maildigest_digests_emitted_total", "list=\"ops-it\""));
            assertEquals(3.0, PrometheusText.value(second, "kafka_producer_record_send_total", "client_id=\"" + CLIENT + "\""),
                    "the producer's own counter, read through the binding");

            // The binding reads the same metrics Kafka keeps publishing on JMX.
            assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(
                    new ObjectName("kafka.producer:type=producer-metrics,client-id=" + CLIENT)));
        }
    }

    @Test
    void healthIsUpWhileEveryStageRunsAndDownWith503WhenOneStops() throws Exception {
        AtomicBoolean ingestRuns = new AtomicBoolean(true);
        try (OpsServer ops = OpsServer.start(0, Map.of("ingest", ingestRuns::get, "stream", () -> true))) {
            HttpResponse<String> up = get(ops, "/health");
            assertEquals(200, up.statusCode());
            assertEquals("{\"status\":\"UP\",\"stages\":{\"ingest\":true,\"stream\":true}}", up.body());

            ingestRuns.set(false);
            HttpResponse<String> down = get(ops, "/health");
            assertEquals(503, down.statusCode());
            assertEquals("{\"status\":\"DOWN\",\"stages\":{\"ingest\":false,\"stream\":true}}", down.body());
            assertEquals(404, get(ops, "/nothing-here").statusCode());
        }
    }

    private HttpResponse<String> get(OpsServer ops, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
