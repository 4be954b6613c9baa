package dev.maildigest.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;

/** Every client of every stage, built from a --config full of secrets, with Kafka's loggers at their chattiest useful level. */
class SecretsNotLoggedTest {
    private static final String SECRET = "s3cr3t-Hunter2";

    @TempDir
    Path stateDir;

    @Test
    void noClientLogsAPasswordOrTokenFromTheConfigFile() {
        Properties file = new Properties();
        file.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"" + SECRET + "\";");
        file.put("ssl.key.password", SECRET);
        file.put("ssl.truststore.password", SECRET);
        file.put(PipelineConfig.SCHEMA_REGISTRY_USER_INFO, "registry-user:" + SECRET);
        PipelineConfig config = new PipelineConfig("127.0.0.1:9", "http://127.0.0.1:9", file, Topics.of(""));

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger kafka = (Logger) LoggerFactory.getLogger("org.apache.kafka");
        Level kafkaLevel = kafka.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        kafka.addAppender(log);
        kafka.setAdditive(false); // into the list only, not onto the console
        kafka.setLevel(Level.INFO); // where the clients print their settings
        try {
            new KafkaProducer<>(config.transactionalProducer("secrets-test", "secrets-test"), new StringSerializer(), new StringSerializer()).close();
            new KafkaConsumer<>(config.consumer("secrets-test", "secrets-test"), new StringDeserializer(), new StringDeserializer()).close();
            Admin.create(config.admin("secrets-test")).close(Duration.ofSeconds(2));
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("mail.raw").to("mail.digests.text");
            Properties streams = config.streams("maildigest-secrets-test", stateDir);
            streams.put("default.key.serde", Serdes.StringSerde.class.getName());
            streams.put("default.value.serde", Serdes.StringSerde.class.getName());
            new KafkaStreams(builder.build(), streams).close(Duration.ofSeconds(2));
        } finally {
            kafka.setLevel(kafkaLevel);
            kafka.setAdditive(true);
            kafka.detachAppender(log);
            root.detachAppender(log);
        }

        assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("sasl.jaas.config")),
                "the clients did print their settings, so the check below means something");
        for (ILoggingEvent event : log.list) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            assertFalse(line.contains(SECRET), () -> "secret in a log line: " + event.getLoggerName());
        }
    }
}
