package dev.maildigest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;
import dev.maildigest.embedded.EmbeddedKafka;
import dev.maildigest.ingest.InboxRepo;
import dev.maildigest.process.LogFiles;
import dev.maildigest.registry.RestSchemaRegistry;
import dev.maildigest.testing.PipelineProcess;

/**
 * Split mode as the README runs it, nothing embedded but the broker: `pipeline registry` and
 * `pipeline stream` each in a process of its own, `pipeline ingest` run once, the registry asking
 * writes for basic auth and the stages giving theirs in --config.
 */
class SplitModeIT {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final String[] SUBJECTS = {
        "[PATCH 1/3] gears: oil the small one",
        "[PATCH 2/3] gears: count the teeth twice",
        "[PATCH 3/3] gears: mind the gap",
    };

    /** `ingest` runs in this JVM and takes Kafka's logs to its data folder: later tests get them back. */
    @AfterEach
    void giveKafkaLogsBack() {
        LogFiles.stop();
    }

    @TempDir
    Path dir;

    @Test
    void ingestThenStreamThroughAStandaloneRegistryEmitsTheDigest() throws Exception {
        Path users = dir.resolve("registry-users");
        Files.writeString(users, "pipeline:split-mode-secret\n");
        Path clientConfig = dir.resolve("client.properties");
        Files.writeString(clientConfig, "basic.auth.user.info=pipeline:split-mode-secret\n");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
             InboxRepo repo = InboxRepo.create(dir.resolve("gears/git/0.git"))) {
            for (int n = 0; n < SUBJECTS.length; n++) {
                repo.add("From: Ann Gear <ann@gears.example>\nTo: gears@lists.example.org\nSubject: " + SUBJECTS[n]
                        + "\nDate: Fri, 27 Nov 2026 10:0" + n + ":00 +0000\nMessage-ID: <split-" + n + "@gears.example>\n\n"
                        + "Part " + (n + 1) + " of the gear series.\n\nSigned-off-by: Ann Gear <ann@gears.example>\n");
            }
            String bootstrap = kafka.bootstrapServers();
            try (PipelineProcess registry = PipelineProcess.start(dir, "registry", "registry",
                    "--bootstrap-server", bootstrap, "--listen", "127.0.0.1:0", "--auth-file", users.toString(),
                    "--log-dir", dir.resolve("registry-logs").toString())) {
                String registryUrl = registry.await(LISTENING, Duration.ofSeconds(120));

                int exit = Main.commandLine().execute("ingest", "--bootstrap-server", bootstrap, "--schema-registry-url", registryUrl,
                        "--config", clientConfig.toString(), "--data-dir", dir.resolve("data").toString(), dir.resolve("gears").toString());
                assertEquals(0, exit, "ingest through the standalone registry");

                try (PipelineProcess stream = PipelineProcess.start(dir, "stream", "stream",
                        "--bootstrap-server", bootstrap, "--schema-registry-url", registryUrl, "--config", clientConfig.toString(),
                        "--state-dir", dir.resolve("streams").toString())) {
                    List<String> digests = awaitDigests(bootstrap, 1, stream);
                    assertEquals(1, digests.size(), "one range, one digest");
                    String digest = digests.get(0);
                    assertTrue(digest.contains("GEARS mailing list update"), digest);
                    assertTrue(digest.contains("[PATCH] gears: oil the small one (3 of 3 patches, Ann Gear)"),
                            "the series, all three parts parsed:\n" + digest);
                    // As `run`: Kafka's logs in a file of the folder the command owns, the console kept to the pipeline's.
                    Path streamLog = dir.resolve("streams/logs/server.log");
                    assertTrue(stream.stderr().contains("log file=" + streamLog.toAbsolutePath().normalize()), stream.stderr());
                    assertTrue(kafkaLines(streamLog) > 0, "Kafka Streams' own lines in " + streamLog);
                    assertEquals(List.of(), stream.warningsAndErrors(), "no Kafka client WARN on the console");
                }
                RestSchemaRegistry client = new RestSchemaRegistry(registryUrl, null);
                assertTrue(client.latest("mail.raw-value").id() > 0, "the stages registered their schemas in the standalone registry");
                assertTrue(registry.alive(), registry.output());
                assertTrue(kafkaLines(dir.resolve("registry-logs/server.log")) > 0, "the registry's Kafka clients log to --log-dir");
            }
        }
    }

    /** Lines of Kafka's loggers in a log file (the pattern ends each line with its logger in parentheses). */
    private static long kafkaLines(Path log) throws java.io.IOException {
        assertTrue(Files.isRegularFile(log), log + " written");
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("(org.apache.kafka.")).count();
        }
    }

    /** The committed values of mail.digests.text, once {@code expected} are there. */
    private static List<String> awaitDigests(String bootstrap, int expected, PipelineProcess stream) throws Exception {
        Topics topics = Topics.of("");
        PipelineConfig config = new PipelineConfig(bootstrap, null, new Properties(), topics);
        List<String> digests = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config.consumer("split-mode-test", null), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topics.digestsText()).forEach(p -> partitions.add(new TopicPartition(topics.digestsText(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + 180_000;
            while (digests.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    digests.add(record.value());
                }
                assertTrue(stream.alive(), "stream exited: " + stream.output());
            }
        }
        assertEquals(expected, digests.size(), "digests on " + topics.digestsText());
        return digests;
    }
}
