package dev.maildigest.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.RawMail;

/** The Confluent wire format, byte by byte, through the embedded registry. */
class AvroSerdeTest {
    private static final String TOPIC = "mail.raw";

    private EmbeddedSchemaRegistry embedded;
    private RestSchemaRegistry registry;
    private AvroSerde<RawMail> serde;

    @BeforeEach
    void start() {
        embedded = new EmbeddedSchemaRegistry(new InMemorySchemaLog(), 0);
        registry = new RestSchemaRegistry(embedded.url(), null);
        serde = AvroSerde.forValues(registry, RawMail.class);
    }

    @AfterEach
    void stop() {
        embedded.close();
    }

    @Test
    void framesMagicByteIdAndAvroBinary() throws IOException {
        RawMail mail = mail("Subject: hello\n\nbody\n", Instant.parse("2026-11-20T10:15:30.123Z"));
        byte[] bytes = serde.serialize(TOPIC, mail);

        assertEquals(0, bytes[0], "magic byte");
        int id = registry.latest("mail.raw-value").id();
        assertArrayEquals(ByteBuffer.allocate(4).putInt(id).array(), Arrays.copyOfRange(bytes, 1, 5), "big-endian schema id");

        // read the payload on its own, with the schema the registry holds for that id
        Schema writer = new RestSchemaRegistry(embedded.url(), null).byId(id);
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(writer)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertEquals("kvm", decoded.get("coordinates") instanceof GenericRecord c ? c.get("list").toString() : null);
        assertEquals(Instant.parse("2026-11-20T10:15:30.123Z").toEpochMilli(), decoded.get("committedAt"));
        assertArrayEquals("Subject: hello\n\nbody\n".getBytes(), ((ByteBuffer) decoded.get("message")).array());

        assertEquals(mail, serde.deserialize(TOPIC, bytes));
    }

    @Test
    void aHugeRecordThenSmallOnesRoundTripOnTheSameThread() {
        // the thread's buffer grows for a 3 MB mail, is given back, and later records are whole and exact
        String huge = "Subject: big\n\n" + "x".repeat(3 * 1024 * 1024) + "\n";
        for (String message : List.of("Subject: a\n\nfirst\n", huge, "Subject: b\n\nsecond\n", huge, "Subject: c\n\nthird\n")) {
            RawMail mail = mail(message, Instant.parse("2026-11-20T10:15:30Z"));
            RawMail back = serde.deserialize(TOPIC, serde.serialize(TOPIC, mail));
            assertEquals(mail, back);
        }
    }

    @Test
    void subjectsFollowTopicAndKeyOrValue() {
        RawMail mail = mail("x", null);
        AvroSerde<RawMail> keys = AvroSerde.forKeys(registry, RawMail.class);
        byte[] asKey = keys.serialize("mail.dead-letters", mail);
        assertEquals(1, registry.latest("mail.dead-letters-key").version());
        SchemaRegistryException noValueSubject = assertThrows(SchemaRegistryException.class, () -> registry.latest("mail.dead-letters-value"));
        assertEquals(40401, noValueSubject.errorCode());

        byte[] asValue = serde.serialize(TOPIC, mail);
        assertEquals(1, registry.latest("mail.raw-value").version());
        assertArrayEquals(Arrays.copyOfRange(asKey, 1, 5), Arrays.copyOfRange(asValue, 1, 5), "one schema, one global id");
        assertEquals(mail, keys.deserialize("mail.dead-letters", asKey));
    }

    @Test
    void nullStaysNullAndRegistersNothing() {
        assertNull(serde.serialize(TOPIC, null));
        assertNull(serde.deserialize(TOPIC, null));
        assertEquals(40401, assertThrows(SchemaRegistryException.class, () -> registry.latest("mail.raw-value")).errorCode());
    }

    @Test
    void unreadableBytesAreSerializationExceptions() {
        byte[] good = serde.serialize(TOPIC, mail("Subject: a longer message to cut\n\n" + "text ".repeat(20), null));

        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 1;
        assertTrue(failure(wrongMagic).contains("first byte 1"), failure(wrongMagic));
        assertTrue(failure(new byte[] {0, 0, 0}).contains("3 bytes"), failure(new byte[] {0, 0, 0}));
        assertTrue(failure(new byte[0]).contains("0 bytes"));
        String truncated = failure(Arrays.copyOf(good, good.length - 30));
        assertTrue(truncated.startsWith("cannot read dev.maildigest.avro.RawMail (writer schema id 1) from topic mail.raw"), truncated);

        byte[] unknownId = good.clone();
        unknownId[4] = 99;
        assertTrue(failure(unknownId).contains("schema id 99, which the Schema Registry does not know"), failure(unknownId));

        byte[] otherType = frame(registry.register("other-value", Schema.create(Schema.Type.STRING)), Schema.create(Schema.Type.STRING), "plain text");
        assertTrue(failure(otherType).startsWith("cannot read dev.maildigest.avro.RawMail"), failure(otherType));

        assertThrows(SerializationException.class, () -> serde.serialize(TOPIC, new RawMail()), "a record missing required fields");
    }

    @Test
    void anUnreachableRegistryIsNotBadData() {
        byte[] good = serde.serialize(TOPIC, mail("x", null));
        embedded.close();
        AvroSerde<RawMail> fresh = AvroSerde.forValues(new RestSchemaRegistry(embedded.url(), null), RawMail.class);
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> fresh.deserialize(TOPIC, good));
        assertEquals(-1, e.status());
        assertEquals(good.length, serde.serialize(TOPIC, mail("x", null)).length, "ids already known need no registry");
        assertEquals(mail("x", null), serde.deserialize(TOPIC, good));
    }

    @Test
    void readsRecordsWrittenWithAnOlderSchemaIntoTheCurrentClass() {
        // the older RawMail: no "rejected", and a CommitRange without "commits", "sequence" and "follows" (default 0)
        Schema older = edit(RawMail.getClassSchema(), root -> {
            removeField(root, "rejected");
            for (String added : new String[] {"commits", "sequence", "follows"}) {
                removeField(field(field(root, "coordinates").get("type"), "range").get("type"), added);
            }
        });
        int olderId = registry.register("mail.raw-value", older);
        GenericRecord range = new GenericData.Record(older.getField("coordinates").schema().getField("range").schema());
        range.put("first", "1".repeat(40));
        range.put("last", "2".repeat(40));
        range.put("size", 3);
        GenericRecord coordinates = new GenericData.Record(older.getField("coordinates").schema());
        coordinates.put("list", "kvm");
        coordinates.put("archive", "https://example.org/kvm/0");
        coordinates.put("epoch", 0);
        coordinates.put("commit", "2".repeat(40));
        coordinates.put("ordinal", 12L);
        coordinates.put("range", range);
        coordinates.put("index", 2);
        GenericRecord old = new GenericData.Record(older);
        old.put("coordinates", coordinates);
        old.put("size", 4L);
        old.put("message", ByteBuffer.wrap("old!".getBytes()));

        RawMail read = serde.deserialize(TOPIC, frame(olderId, older, old));
        assertEquals("kvm", read.getCoordinates().getList());
        assertEquals(3, read.getCoordinates().getRange().getSize());
        assertEquals(0, read.getCoordinates().getRange().getCommits(), "default of a field added since");
        assertEquals(0, read.getCoordinates().getRange().getSequence(), "unnumbered: its digest waits for no other");
        assertEquals(0, read.getCoordinates().getRange().getFollows());
        assertNull(read.getRejected(), "default of a field added since");
        assertEquals("old!", new String(read.getMessage().array()));

        int currentId = registry.register("mail.raw-value", RawMail.getClassSchema());
        assertTrue(currentId > olderId);
        assertEquals(2, registry.latest("mail.raw-value").version(), "the current schema follows the older one");
    }

    @Test
    void readsRecordsWrittenWithANewerSchemaIgnoringFieldsItDoesNotKnow() {
        Schema newer = edit(RawMail.getClassSchema(), root -> ((ArrayNode) root.get("fields")).addObject()
                .put("name", "spamScore").put("type", "double").put("default", 0.0));
        RawMail mail = mail("Subject: s\n\n", Instant.ofEpochMilli(5));
        byte[] currentBytes = serde.serialize(TOPIC, mail);
        GenericRecord current;
        try {
            current = new GenericDatumReader<GenericRecord>(RawMail.getClassSchema())
                    .read(null, DecoderFactory.get().binaryDecoder(currentBytes, 5, currentBytes.length - 5, null));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        GenericRecord asNewer = new GenericData.Record(newer);
        for (Schema.Field f : RawMail.getClassSchema().getFields()) {
            asNewer.put(f.name(), current.get(f.name()));
        }
        asNewer.put("spamScore", 0.9);
        assertEquals(mail, serde.deserialize(TOPIC, frame(registry.register("mail.raw-value", newer), newer, asNewer)));
    }

    @Test
    void readsOneFieldAloneOfRecordsOfEveryVersion() {
        AvroField<Coordinates> coordinates = AvroField.of(registry, RawMail.class, "coordinates");
        RawMail mail = mail("Subject: projected\n\n", Instant.ofEpochMilli(7));
        assertEquals(mail.getCoordinates(), coordinates.read(TOPIC, serde.serialize(TOPIC, mail)));

        Schema older = edit(RawMail.getClassSchema(), root -> {
            removeField(root, "rejected");
            removeField(field(field(root, "coordinates").get("type"), "range").get("type"), "follows");
        });
        GenericRecord old = asOlder(mail, older);
        Coordinates read = coordinates.read(TOPIC, frame(registry.register("mail.raw-value", older), older, old));
        assertEquals(mail.getCoordinates().getRange().getSize(), read.getRange().getSize());
        assertEquals(mail.getCoordinates().getIndex(), read.getIndex());
        assertEquals(0, read.getRange().getFollows(), "default of a field added since");

        assertNull(coordinates.read(TOPIC, null), "tombstones");
        assertThrows(SerializationException.class, () -> coordinates.read(TOPIC, "not avro".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> AvroField.of(registry, RawMail.class, "no-such-field"));
    }

    /** {@code mail} as a generic record of {@code schema}, an older RawMail: the fields it has. */
    private GenericRecord asOlder(RawMail mail, Schema schema) {
        byte[] current = serde.serialize(TOPIC, mail);
        try {
            return new GenericDatumReader<GenericRecord>(RawMail.getClassSchema(), schema)
                    .read(null, DecoderFactory.get().binaryDecoder(current, 5, current.length - 5, null));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void worksAsAKafkaStreamsSerde() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), serde))
                .mapValues(m -> m == null ? null : RawMail.newBuilder(m).setListName("KVM list").build())
                .to("out", Produced.with(Serdes.String(), serde));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "serde-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            var in = driver.createInputTopic("in", Serdes.String().serializer(), serde.serializer());
            var out = driver.createOutputTopic("out", Serdes.String().deserializer(), serde.deserializer());
            in.pipeInput("kvm", mail("Subject: streams\n\n", Instant.ofEpochMilli(1)));
            in.pipeInput("kvm", null);
            RawMail result = out.readValue();
            assertEquals("KVM list", result.getListName());
            assertEquals("Subject: streams\n\n", new String(result.getMessage().array()));
            assertNull(out.readValue(), "tombstones pass");
        }
        assertEquals(1, registry.latest("out-value").version());
        assertEquals(registry.latest("in-value").id(), registry.latest("out-value").id());
    }

    private String failure(byte[] bytes) {
        return assertThrows(SerializationException.class, () -> serde.deserialize(TOPIC, bytes)).getMessage();
    }

    private static byte[] frame(int id, Schema schema, Object datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<>(schema).write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A copy of {@code schema} changed as JSON (shared types are inlined in its JSON). */
    private static Schema edit(Schema schema, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(schema.toString());
            change.accept(root);
            return new Schema.Parser().parse(root.toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode field(JsonNode record, String name) {
        for (JsonNode f : record.get("fields")) {
            if (f.get("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no field " + name);
    }

    private static void removeField(JsonNode record, String name) {
        Predicate<JsonNode> named = f -> f.get("name").asText().equals(name);
        Iterator<JsonNode> fields = record.get("fields").iterator();
        while (fields.hasNext()) {
            if (named.test(fields.next())) {
                fields.remove();
                return;
            }
        }
        throw new AssertionError("no field " + name);
    }

    static RawMail mail(String message, Instant committedAt) {
        CommitRange range = CommitRange.newBuilder().setFirst("1".repeat(40)).setLast("2".repeat(40)).setSize(3).setCommits(3).build();
        Coordinates coordinates = Coordinates.newBuilder().setList("kvm").setArchive("https://example.org/kvm/0").setEpoch(0)
                .setCommit("2".repeat(40)).setOrdinal(12).setRange(range).setIndex(2).build();
        return RawMail.newBuilder().setCoordinates(coordinates).setListName(null).setArchiveUrl("https://example.org/kvm/")
                .setCommittedAt(committedAt).setSize(message.length()).setMessage(ByteBuffer.wrap(message.getBytes()))
                .setRejected(null).build();
    }
}
