package dev.maildigest.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.RawMail;
import dev.maildigest.testing.TestStack;

/** Acceptance: a record written through our serde and registry reads back after both restart. */
class SchemaRegistryRestartIT {

    @TempDir
    Path dataDir;

    @Test
    void schemaIdsAndRecordsSurviveARestartOfBrokerAndRegistry() throws Exception {
        RawMail sent = rawMail("Subject: [PATCH] fix the frobnicator\n\nhello\n");
        int idBefore;
        try (TestStack stack = TestStack.start(dataDir)) {
            AvroSerde<RawMail> serde = AvroSerde.forValues(stack.registry(), RawMail.class);
            try (var producer = new KafkaProducer<>(stack.config().transactionalProducer("test", "restart-it"),
                    new StringSerializer(), serde.serializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("mail.raw", 0, "kvm", sent));
                producer.commitTransaction();
            }
            List<ConsumerRecord<String, byte[]>> raw = readAll(stack, "mail.raw");
            assertEquals(1, raw.size());
            idBefore = ByteBuffer.wrap(raw.get(0).value(), 1, 4).getInt();
            assertEquals(idBefore, stack.registry().latest("mail.raw-value").id(), "the record carries the registered id");
            assertEquals(sent, serde.deserialize("mail.raw", raw.get(0).value()));
        }

        try (TestStack stack = TestStack.start(dataDir)) {
            RestSchemaRegistry client = stack.registry();
            RestSchemaRegistry.RegisteredSchema latest = client.latest("mail.raw-value");
            assertEquals(idBefore, latest.id(), "same id after restart");
            assertEquals(1, latest.version());
            assertEquals(RawMail.getClassSchema(), latest.schema());
            assertEquals(idBefore, client.register("mail.raw-value", RawMail.getClassSchema()), "re-registering finds it");

            AvroSerde<RawMail> serde = AvroSerde.forValues(client, RawMail.class);
            List<ConsumerRecord<String, byte[]>> raw = readAll(stack, "mail.raw");
            assertEquals(1, raw.size());
            RawMail received = serde.deserialize("mail.raw", raw.get(0).value());
            assertEquals(sent, received);
            assertArrayEquals(sent.getMessage().array(), received.getMessage().array());

            int next = client.register("restart-check-value", org.apache.avro.SchemaBuilder.record("Other")
                    .namespace("dev.maildigest.test").fields().requiredString("x").endRecord());
            assertTrue(next > idBefore, "ids keep increasing across restarts: " + next + " after " + idBefore);
        }
    }

    static RawMail rawMail(String message) {
        CommitRange range = CommitRange.newBuilder().setFirst("a".repeat(40)).setLast("b".repeat(40)).setSize(1).setCommits(1).build();
        Coordinates coordinates = Coordinates.newBuilder().setList("kvm").setArchive("https://example.org/kvm/0")
                .setEpoch(0).setCommit("b".repeat(40)).setOrdinal(7).setRange(range).setIndex(0).build();
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        return RawMail.newBuilder().setCoordinates(coordinates).setListName("KVM").setArchiveUrl(null)
                .setCommittedAt(Instant.ofEpochMilli(1_764_201_600_000L)).setSize(bytes.length)
                .setMessage(ByteBuffer.wrap(bytes)).setRejected(null).build();
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(TestStack stack, String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(stack.config().consumer("test", null), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + 15_000;
            while (records.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        }
        return records;
    }
}
