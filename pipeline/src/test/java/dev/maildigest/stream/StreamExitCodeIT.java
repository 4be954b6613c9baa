package dev.maildigest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.maildigest.avro.RawMail;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.testing.PipelineProcess;
import dev.maildigest.testing.TestStack;

/**
 * {@code pipeline stream} whose Kafka Streams application dies (the registry answers 500 on the
 * first record): the process ends non-zero with one line saying why, so a supervisor restarts it.
 */
class StreamExitCodeIT {
    @TempDir
    Path dir;

    @Test
    void aFatalStreamsErrorEndsTheProcessNonZeroWithOneLine() throws Exception {
        HttpServer brokenRegistry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        brokenRegistry.createContext("/", exchange -> {
            byte[] body = "{\"error_code\":50001,\"message\":\"store unavailable\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        brokenRegistry.start();
        try (TestStack stack = TestStack.start(dir.resolve("kafka"))) {
            RecordSerdes serdes = RecordSerdes.using(stack.registry());
            RawMail mail = TestMails.range("bolts", "b0b0", 1).get(0);
            try (var producer = new KafkaProducer<>(stack.config().transactionalProducer("exit-code-it", "exit-code-it"),
                    serdes.key().serializer(), serdes.rawMail().serializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(stack.config().topics().raw(), "bolts:" + mail.getCoordinates().getCommit(), mail));
                producer.commitTransaction();
            }

            PipelineProcess stream = PipelineProcess.start(dir, "stream", "stream", "--stream-threads", "1",
                    "--state-dir", dir.resolve("state").toString(), "--bootstrap-server", stack.bootstrapServers(),
                    "--schema-registry-url", "http://127.0.0.1:" + brokenRegistry.getAddress().getPort());

            int exit = stream.awaitExit(Duration.ofMinutes(4));

            assertEquals(1, exit, stream.stderr());
            List<String> errors = stream.stderr().lines().filter(line -> line.startsWith("error: ")).toList();
            assertEquals(1, errors.size(), stream.stderr());
            assertTrue(errors.get(0).startsWith("error: the stream stage failed: ") && errors.get(0).contains("500"), errors.get(0));
        } finally {
            brokenRegistry.stop(0);
        }
    }

    @Test
    void anUnreachableRegistryIsOneLineBeforeAnyStageStarts() throws Exception {
        java.net.ServerSocket closed = new java.net.ServerSocket(0, 0, java.net.InetAddress.getByName("127.0.0.1"));
        String registryUrl = "http://127.0.0.1:" + closed.getLocalPort();
        closed.close(); // nothing listens there now
        java.nio.file.Path mbox = java.nio.file.Files.writeString(dir.resolve("nuts.mbox"), "From a@nuts.example Fri Nov 27 10:00:00 2026\n"
                + "From: Ann <ann@nuts.example>\nSubject: [PATCH] nuts: tighten\nMessage-ID: <t@nuts.example>\n\nTight.\n");
        try (TestStack stack = TestStack.start(dir.resolve("kafka"))) {
            java.io.StringWriter err = new java.io.StringWriter();
            int exit = dev.maildigest.cli.Main.commandLine().setErr(new java.io.PrintWriter(err)).execute("ingest",
                    "--bootstrap-server", stack.bootstrapServers(), "--schema-registry-url", registryUrl,
                    "--data-dir", dir.resolve("data").toString(), mbox.toString());

            assertEquals(1, exit);
            List<String> lines = err.toString().lines().toList();
            assertEquals(1, lines.size(), err.toString());
            assertTrue(lines.get(0).startsWith("error: Schema Registry at " + registryUrl + " is unreachable"), lines.get(0));
        }
    }
}
