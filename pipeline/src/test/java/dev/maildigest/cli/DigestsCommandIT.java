package dev.maildigest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.maildigest.avro.Digest;
import dev.maildigest.digest.DigestFormat;
import dev.maildigest.digest.SampleDigests;
import dev.maildigest.registry.AvroSerde;
import dev.maildigest.testing.TestStack;
import picocli.CommandLine;

/** {@code pipeline digests} against the real broker: committed digests only, bad records skipped. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DigestsCommandIT {
    @TempDir
    static Path dataDir;

    static TestStack stack;
    static Digest gears = SampleDigests.gears();
    static Digest second = SampleDigests.base("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "ffee0011223344556677889900aabbccddeeff00")
            .setMessages(3).build();
    static Digest aborted = SampleDigests.base("dead0000beef0000000000000000000000000000", "dead1111beef1111111111111111111111111111")
            .setMessages(9).build();

    static KafkaProducer<String, byte[]> producer;
    static AvroSerde<Digest> serde;

    @BeforeAll
    static void produceDigests() {
        stack = TestStack.start(dataDir.resolve("kafka"));
        serde = AvroSerde.forValues(stack.registry(), Digest.class);
        producer = new KafkaProducer<>(stack.config().transactionalProducer("test", "digests-it"),
                new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        send(0, gears, true);
        send(1, aborted, false);
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic(), 1, "junk", "not a digest".getBytes(StandardCharsets.UTF_8)));
        producer.commitTransaction();
        send(1, second, true);
    }

    private static String topic() {
        return stack.config().topics().digests();
    }

    private static void send(Integer partition, Digest digest, boolean commit) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic(), partition, digest.getList() + "/" + digest.getFirstShort(),
                serde.serialize(topic(), digest)));
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.flush(); // written to the log, then aborted
            producer.abortTransaction();
        }
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static DigestsCommand command(String... args) {
        DigestsCommand command = new DigestsCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void writesOneFilePerDigestAndFormat(@TempDir Path out) throws Exception {
        // The whole command line, as a user runs it.
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(stdout));
        cli.setErr(new PrintWriter(stderr));
        int exit = cli.execute("digests", "--bootstrap-server", stack.bootstrapServers(),
                "--schema-registry-url", stack.registryUrl(), "--from-beginning", "--format", "text,html", "--out", out.toString());

        assertEquals(0, exit, stderr.toString());
        assertEquals("", stdout.toString(), "with --out nothing is printed");
        try (Stream<Path> files = Files.list(out)) {
            // two committed digests; the aborted one and the junk record are not digests
            assertEquals(List.of("gears-3f9c2a71-b04e6d18.html", "gears-3f9c2a71-b04e6d18.txt",
                            "gears-a1b2c3d4-ffee0011.html", "gears-a1b2c3d4-ffee0011.txt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(DigestFormat.TEXT.render(gears), Files.readString(out.resolve("gears-3f9c2a71-b04e6d18.txt")));
        assertEquals(DigestFormat.HTML.render(second), Files.readString(out.resolve("gears-a1b2c3d4-ffee0011.html")));
        assertTrue(Files.readString(out.resolve("gears-a1b2c3d4-ffee0011.txt"))
                .startsWith("From a1b2c3d4 to ffee0011\nGears mailing list update from a1b2c3d4 to ffee0011\n"));
    }

    @Test
    void printsDocumentsToStdout() throws Exception {
        StringWriter stdout = new StringWriter();
        command("--from-beginning", "--format", "json").export(stack.config(), stack.registry(), new PrintWriter(stdout));

        List<JsonNode> docs;
        try (MappingIterator<JsonNode> it = new ObjectMapper().readerFor(JsonNode.class).readValues(stdout.toString())) {
            docs = it.readAll();
        }
        assertEquals(List.of("3f9c2a71", "a1b2c3d4"), docs.stream().map(d -> d.path("firstShort").asText()).sorted().toList());
    }

    @Test
    void withoutFromBeginningOnlyNewDigestsAreRead() {
        StringWriter stdout = new StringWriter();
        long read = command().export(stack.config(), stack.registry(), new PrintWriter(stdout));
        assertEquals(0, read);
        assertEquals("", stdout.toString());
    }

    @Test
    @Order(Integer.MAX_VALUE) // it adds a digest to the topic
    void followPicksUpDigestsAsTheyArrive(@TempDir Path out) throws Exception {
        AtomicLong read = new AtomicLong(-1);
        DigestsCommand follow = command("--follow", "--format", "md", "--out", out.toString());
        Thread reader = new Thread(() -> read.set(follow.export(stack.config(), stack.registry(), new PrintWriter(new StringWriter()))));
        reader.start();
        Thread.sleep(1500); // let the reader reach the end before the new digest is sent

        Digest later = SampleDigests.base("0123456789abcdef0123456789abcdef01234567", "76543210fedcba9876543210fedcba9876543210")
                .setMessages(1).build();
        send(null, later, true);
        Path expected = out.resolve("gears-01234567-76543210.md");
        long deadline = System.currentTimeMillis() + 15_000;
        while (!Files.exists(expected) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        reader.interrupt();
        reader.join(10_000);

        assertFalse(reader.isAlive(), "an interrupt ends --follow");
        assertTrue(Files.exists(expected), "the new digest was written while following");
        assertEquals(1, read.get(), "only the digest sent after the start");
        assertEquals(DigestFormat.MARKDOWN.render(later), Files.readString(expected));
    }
}
