package dev.maildigest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.tools.StreamsResetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.testing.TestStack;

/**
 * Two pipelines on one cluster, {@code --topic-prefix a.} and {@code b.}, running at the same time
 * on archives of the same name: each gets its own digests, and nothing of Kafka's is shared (topics,
 * Streams application and its internal topics, consumer groups, transactional ids).
 */
class TopicPrefixIT {
    @TempDir
    Path dir;

    @Test
    void twoPrefixesSideBySideShareNothing() throws Exception {
        try (TestStack stack = TestStack.start(dir.resolve("kafka"))) {
            Set<String> stackTopics = topics(stack); // the test stack's own, unprefixed
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<String> a = pool.submit(() -> run(stack, "a.", 4));
                Future<String> b = pool.submit(() -> run(stack, "b.", 6));
                assertEquals("exit 0", a.get(5, TimeUnit.MINUTES));
                assertEquals("exit 0", b.get(5, TimeUnit.MINUTES));
            } finally {
                pool.shutdownNow();
            }

            assertEquals(2, stack.committedKeys("a.mail.digests").size(), "4 mails in ranges of 2");
            assertEquals(3, stack.committedKeys("b.mail.digests").size(), "6 mails in ranges of 2");
            try (Admin admin = Admin.create(stack.config().admin("prefix-it"))) {
                Set<String> groups = new TreeSet<>(admin.listGroups().all().get().stream().map(GroupListing::groupId).toList());
                assertTrue(groups.containsAll(List.of("a.maildigest-stream", "b.maildigest-stream",
                        "a.maildigest-run-output", "b.maildigest-run-output")), groups.toString());
                assertEquals(Set.of(), unprefixed(groups), "no group without a prefix");

                Set<String> topics = topics(stack);
                topics.removeAll(stackTopics);
                assertTrue(topics.contains("a.maildigest-stream-parsed-by-range-repartition"), topics.toString());
                assertTrue(topics.contains("b.maildigest-stream-range-completed-changelog"), topics.toString());
                assertEquals(Set.of(), unprefixed(topics), "no topic of the pipeline without a prefix");

                Set<String> transactions = new TreeSet<>(admin.listTransactions().all().get().stream()
                        .map(TransactionListing::transactionalId).toList());
                // The ingest workers': <prefix><data folder's instance id>-ingest-<worker>.
                assertTrue(transactions.stream().anyMatch(id -> id.startsWith("a.maildigest-") && id.endsWith("-ingest-0")), transactions.toString());
                assertTrue(transactions.stream().anyMatch(id -> id.startsWith("b.maildigest-") && id.endsWith("-ingest-0")), transactions.toString());
                assertTrue(transactions.stream().anyMatch(id -> id.startsWith("a.maildigest-stream-")), transactions.toString());
                assertEquals(Set.of(), unprefixed(transactions), "no transactional id without a prefix");
            }

            // Right after a stop, Kafka's reset tool finds the group empty (the members left on close)
            // and resets one prefix's application alone: the other's internal topics stay.
            int reset = new StreamsResetter().execute(new String[] {"--bootstrap-server", stack.bootstrapServers(),
                "--application-id", "a.maildigest-stream", "--input-topics", "a.mail.raw"});
            assertEquals(0, reset, "kafka-streams-application-reset right after the run stopped");
            Set<String> after = topics(stack);
            assertTrue(after.stream().noneMatch(t -> t.startsWith("a.maildigest-stream-")), "a.'s internal topics are deleted: " + after);
            assertTrue(after.contains("b.maildigest-stream-range-completed-changelog"), "b.'s are not: " + after);
        }
    }

    private static Set<String> topics(TestStack stack) throws Exception {
        try (Admin admin = Admin.create(stack.config().admin("prefix-it-topics"))) {
            return new TreeSet<>(admin.listTopics().names().get());
        }
    }

    /** Names of the pipeline's without a prefix: only the registry's, shared on purpose, may be. */
    private static Set<String> unprefixed(Set<String> names) {
        Set<String> out = new TreeSet<>();
        names.stream().filter(n -> n.startsWith("maildigest-") || n.startsWith("mail."))
                .filter(n -> !n.startsWith("maildigest-schema-registry")).forEach(out::add);
        return out;
    }

    private String run(TestStack stack, String prefix, int mails) throws Exception {
        Path mbox = Files.createDirectories(dir.resolve(prefix)).resolve("gears.mbox");
        Files.writeString(mbox, RunProcessIT.mails("gears", 1, mails), StandardCharsets.UTF_8);
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setErr(new PrintWriter(err)).execute("run", "--quiet", "--max-range", "2",
                "--bootstrap-server", stack.bootstrapServers(), "--schema-registry-url", stack.registryUrl(),
                "--topic-prefix", prefix, "--stream-threads", "1", "--data-dir", dir.resolve(prefix).resolve("data").toString(),
                mbox.toString());
        return exit == 0 ? "exit 0" : "exit " + exit + ": " + err;
    }
}
