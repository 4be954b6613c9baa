package dev.maildigest.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;

/**
 * The embedded node stopped dead (as by kill -9) right after a commit returned, four times over:
 * after the restart no transaction is left open (read_committed readers are not held back), every
 * commit that returned is there, and each transaction is in all of its partitions or in none.
 *
 * <p>A commit decided just before the stop has its markers written after the restart. Before the
 * node fenced its own stale broker registration first, those markers were dropped (the partitions
 * had no leader for a moment) and the partitions stayed blocked for ever.
 */
class EmbeddedKafkaCrashIT {
    private static final int STOPS = 4;
    private static final int COMMITS_PER_RUN = 20;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aNodeStoppedDeadRightAfterACommitKeepsItAndLeavesNoTransactionOpen() throws Exception {
        Path data = dir.resolve("data");
        TreeSet<Long> returned = new TreeSet<>();
        for (int run = 1; run <= STOPS; run++) {
            Path log = dir.resolve("child-" + run + ".log");
            Process child = committingNode(data, run, log);
            assertTrue(child.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the child stops itself: " + Files.readString(log));
            assertEquals(137, child.exitValue(), "halted after its last commit: " + Files.readString(log));
            Files.readString(log).lines().filter(l -> l.startsWith("committed "))
                    .forEach(l -> returned.add(Long.parseLong(l.substring("committed ".length()))));
        }
        assertEquals(STOPS * COMMITS_PER_RUN, returned.size());

        try (EmbeddedKafka kafka = EmbeddedKafka.start(data, 0)) {
            PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), null, new Properties(), Topics.of(""));
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < CommittingNode.PARTITIONS; p++) {
                partitions.add(new TopicPartition(CommittingNode.TOPIC, p));
            }
            // As every stage does on start: the same transactional id ends what its predecessor left.
            try (var producer = new KafkaProducer<>(config.transactionalProducer("crash-producer", CommittingNode.TRANSACTIONAL_ID),
                    new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
            }
            awaitNoOpenTransaction(config, partitions);

            Map<TopicPartition, TreeSet<Long>> committed = readCommitted(config, partitions);
            for (TopicPartition partition : partitions) {
                assertEquals(returned, committed.get(partition), "every returned commit, in every partition: " + partition);
            }
        }
    }

    /** The stable offset of every partition reaches its end: no transaction is left open. */
    private static void awaitNoOpenTransaction(PipelineConfig config, List<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        try (Admin admin = Admin.create(config.admin("crash-check"))) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            Map<TopicPartition, String> open;
            do {
                var end = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
                var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
                open = new HashMap<>();
                for (TopicPartition p : partitions) {
                    if (stable.get(p).offset() < end.get(p).offset()) {
                        open.put(p, "stable " + stable.get(p).offset() + " < end " + end.get(p).offset());
                    }
                }
                if (open.isEmpty()) {
                    return;
                }
                Thread.sleep(200);
            } while (System.nanoTime() < deadline);
            assertEquals(Map.of(), open, "transactions left open after the restart");
        }
    }

    private static Map<TopicPartition, TreeSet<Long>> readCommitted(PipelineConfig config, List<TopicPartition> partitions) {
        Map<TopicPartition, TreeSet<Long>> values = new HashMap<>();
        partitions.forEach(p -> values.put(p, new TreeSet<>()));
        try (var consumer = new KafkaConsumer<>(config.consumer("crash-reader", null), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    values.get(new TopicPartition(record.topic(), record.partition())).add(Long.parseLong(record.value()));
                }
            }
        }
        return values;
    }

    private static Process committingNode(Path data, int run, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CommittingNode.class.getName(), data.toString(), String.valueOf(run), String.valueOf(COMMITS_PER_RUN));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
