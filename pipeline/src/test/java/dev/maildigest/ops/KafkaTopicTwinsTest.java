package dev.maildigest.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Kafka's deprecated underscore twin of a topic-level metric is not exported beside the real one. */
class KafkaTopicTwinsTest {
    private static final String LAG = "kafka.consumer.fetch.manager.records.lag";

    private static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KafkaTopicTwins.install(registry);
        return registry;
    }

    private static void lag(MeterRegistry registry, String topic, double value) {
        Gauge.builder(LAG, () -> value).tags("client_id", "c1", "partition", "0", "topic", topic).register(registry);
    }

    private static List<String> lagLines(PrometheusMeterRegistry registry) {
        return registry.scrape().lines().filter(l -> l.startsWith("kafka_consumer_fetch_manager_records_lag{")).toList();
    }

    @Test
    void theTwinThatComesSecondIsRefused() {
        PrometheusMeterRegistry registry = registry();
        lag(registry, "mail.raw", 7);
        lag(registry, "mail_raw", 7);
        assertEquals(List.of("kafka_consumer_fetch_manager_records_lag{client_id=\"c1\",partition=\"0\",topic=\"mail.raw\"} 7.0"),
                lagLines(registry));
    }

    @Test
    void theTwinThatCameFirstIsRemoved() {
        PrometheusMeterRegistry registry = registry();
        lag(registry, "mail_raw", 3);
        lag(registry, "mail.raw", 3);
        assertEquals(1, lagLines(registry).size(), lagLines(registry).toString());
        assertEquals(3.0, PrometheusText.value(registry.scrape(), "kafka_consumer_fetch_manager_records_lag", "topic=\"mail.raw\""));
    }

    @Test
    void aTopicNamedWithUnderscoresOnlyIsKept() {
        PrometheusMeterRegistry registry = registry();
        lag(registry, "mail.raw", 1);
        lag(registry, "audit_log", 2);
        assertEquals(2, lagLines(registry).size());
        assertEquals(2.0, PrometheusText.value(registry.scrape(), "kafka_consumer_fetch_manager_records_lag", "topic=\"audit_log\""));
    }
}
