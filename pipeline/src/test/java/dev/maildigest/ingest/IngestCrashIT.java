package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.avro.IngestCheckpoint;
import dev.maildigest.registry.AvroSerde;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.testing.TestStack;

/**
 * An ingest process killed with SIGKILL in the middle of a range: read_committed consumers see
 * nothing of that range, and the next run publishes it whole, each message once.
 */
class IngestCrashIT {
    private static final int FIRST = 5;
    private static final int BIG = 200;

    @TempDir
    Path dir;

    @Test
    void killedInTheMiddleOfARangeLeavesNothingOfItAndTheRerunCompletesIt() throws Exception {
        try (TestStack stack = TestStack.start(dir.resolve("kafka"));
             InboxRepo repo = InboxRepo.create(dir.resolve("crash/git/0.git"))) {
            for (int n = 1; n <= FIRST; n++) {
                repo.add(InboxRepo.mail("crash", n));
            }
            ArchiveSpec spec = ArchiveSpec.of(dir.resolve("crash").toString(), null, null);
            IngestOptions options = new IngestOptions(1000, 1 << 20, dir.resolve("mirrors"));
            // The child's data folder: the rerun takes the same worker ids, which aborts what the killed one left open.
            WorkerIds ids = WorkerIds.of(dir.resolve("data"), WorkerIds.DEFAULT_WORKERS);
            try (Ingester ingester = new Ingester(List.of(spec), options, ids, stack.config(), stack.registry())) {
                assertEquals(FIRST, ingester.ingestAvailable().messages());
            }
            // One big range: 200 mails of ~48 KiB of base64 noise, which compression cannot shrink.
            Random random = new Random(42);
            for (int n = FIRST + 1; n <= FIRST + BIG; n++) {
                byte[] noise = new byte[36 * 1024];
                random.nextBytes(noise);
                repo.add(InboxRepo.mail("crash", n) + Base64.getMimeEncoder().encodeToString(noise) + "\n");
            }

            String raw = stack.config().topics().raw();
            Process child;
            try (var watcher = uncommittedWatcher(stack, raw)) {
                child = ingestProcess(stack, spec.source());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                boolean seen = false;
                while (!seen && System.nanoTime() < deadline && child.isAlive()) {
                    for (var record : watcher.poll(Duration.ofMillis(20))) {
                        seen |= record.key().startsWith("crash:");
                    }
                }
                assertTrue(seen, "the child started publishing the range (log: " + dir.resolve("child.log") + ")");
                child.destroyForcibly(); // SIGKILL
                child.waitFor(30, TimeUnit.SECONDS);
            }
            assertEquals(137, child.exitValue(), "the child was killed, not finished: " + Files.readString(dir.resolve("child.log")));

            assertEquals(FIRST, commits(stack, raw).size(), "nothing of the killed range is visible to read_committed");
            IngestCheckpoint checkpoint = CheckpointStore.readAll(stack.config(),
                    RecordSerdes.using(stack.registry())).get("crash");
            assertEquals(repo.commits.get(FIRST - 1), checkpoint.getCommit(), "the checkpoint did not move");

            try (Ingester ingester = new Ingester(List.of(spec), options, ids, stack.config(), stack.registry())) {
                assertEquals(BIG, ingester.ingestAvailable().messages());
            }
            List<String> commits = commits(stack, raw);
            assertEquals(FIRST + BIG, commits.size(), "each message once");
            assertEquals(new TreeSet<>(repo.commits), new TreeSet<>(commits));
        }
    }

    private static KafkaConsumer<String, byte[]> uncommittedWatcher(TestStack stack, String topic) {
        Properties props = stack.config().consumer("crash-watcher", null);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        var consumer = new KafkaConsumer<>(props, AvroSerde.forStringKeys(stack.registry()), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // settle the start before the child writes
        return consumer;
    }

    /** `pipeline ingest` in its own JVM, as a user runs it. */
    private Process ingestProcess(TestStack stack, String source) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.maildigest.cli.Main", "ingest", "--bootstrap-server", stack.bootstrapServers(),
                "--schema-registry-url", stack.registryUrl(), "--max-range", "1000", "--data-dir", dir.resolve("data").toString(), source));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    private static List<String> commits(TestStack stack, String topic) {
        List<String> commits = new ArrayList<>();
        Set<String> unique = new TreeSet<>();
        for (var record : Records.read(stack, topic, true)) {
            if (record.key().startsWith("crash:")) {
                commits.add(record.key().substring("crash:".length()));
                unique.add(record.key());
            }
        }
        assertEquals(unique.size(), commits.size(), "no commit published twice");
        return commits;
    }
}
