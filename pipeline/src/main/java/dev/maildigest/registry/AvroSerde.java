package dev.maildigest.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for generated Avro classes, and for string keys, in the Confluent wire format: magic byte 0, the schema's
 * 4-byte big-endian registry id, then Avro binary. Subjects follow {@code <topic>-key|value}.
 * Records written with an older schema are read into the current class (schema resolution).
 * Null stays null both ways (tombstones). A record that cannot be read is a
 * {@link SerializationException}, for Kafka's and Streams' deserialization handlers; an unreachable
 * registry is a {@link SchemaRegistryException}.
 */
public final class AvroSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    static final byte MAGIC_BYTE = 0;
    private static final int MAX_KEPT_BUFFER = 1024 * 1024;
    private static final ThreadLocal<ByteArrayOutputStream> BUFFER = ThreadLocal.withInitial(() -> new ByteArrayOutputStream(64 * 1024));
    /** Confluent's error_code for an unknown schema id. */
    private static final int SCHEMA_NOT_FOUND = 40403;

    private final SchemaRegistry registry;
    private final SpecificData model;
    private final Schema readerSchema;
    private final boolean isKey;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> idByTopic = new ConcurrentHashMap<>();
    private final Map<Integer, SpecificDatumReader<T>> readerByWriterId = new ConcurrentHashMap<>();

    public AvroSerde(SchemaRegistry registry, Class<T> type, boolean isKey) {
        // The class's own model carries its logical-type conversions (timestamps as Instant).
        this(registry, SpecificData.getForClass(type), SpecificData.getForClass(type).getSchema(type), isKey);
    }

    private AvroSerde(SchemaRegistry registry, SpecificData model, Schema schema, boolean isKey) {
        this.registry = registry;
        this.model = model;
        this.readerSchema = schema;
        this.isKey = isKey;
        this.writer = new SpecificDatumWriter<>(readerSchema, model);
    }

    /**
     * Keys as the Avro {@code "string"} schema, subject {@code <topic>-key}: Confluent's Avro
     * consumers decode keys as well as values, so the keys of our Avro topics are Avro too.
     */
    public static AvroSerde<String> forStringKeys(SchemaRegistry registry) {
        Schema string = Schema.create(Schema.Type.STRING);
        GenericData.setStringType(string, GenericData.StringType.String); // read as java.lang.String, not Utf8
        return new AvroSerde<>(registry, SpecificData.get(), string, true);
    }

    /** A value serde for {@code type}: subject {@code <topic>-value}. */
    public static <T extends SpecificRecord> AvroSerde<T> forValues(SchemaRegistry registry, Class<T> type) {
        return new AvroSerde<>(registry, type, false);
    }

    /** A key serde for {@code type}: subject {@code <topic>-key}. */
    public static <T extends SpecificRecord> AvroSerde<T> forKeys(SchemaRegistry registry, Class<T> type) {
        return new AvroSerde<>(registry, type, true);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        int id = idByTopic.computeIfAbsent(topic, t -> registry.register(SchemaRegistry.subject(t, isKey), readerSchema));
        // One growing buffer per thread: a mail of 10 kB no longer costs six copies while the stream grows.
        ByteArrayOutputStream out = BUFFER.get();
        out.reset();
        out.write(MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + readerSchema.getFullName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
        byte[] bytes = out.toByteArray();
        if (out.size() > MAX_KEPT_BUFFER) {
            BUFFER.remove(); // a rare huge mail: do not keep its buffer
        }
        return bytes;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int writerId = writerId(topic, data);
        SpecificDatumReader<T> reader = readerByWriterId.computeIfAbsent(writerId,
                id -> new SpecificDatumReader<>(writerSchema(registry, topic, id), readerSchema, model));
        return read(reader, topic, data, writerId);
    }

    /** The registry id a Confluent-framed record names; not framed at all is bad data. */
    static int writerId(String topic, byte[] data) {
        if (data.length < 5 || data[0] != MAGIC_BYTE) {
            throw new SerializationException("not Confluent-framed Avro on topic " + topic
                    + " (" + data.length + " bytes, first byte " + (data.length > 0 ? data[0] : -1) + ")");
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }

    /** Decodes the Avro body after the framing; a record that cannot be read is bad data. */
    static <R> R read(SpecificDatumReader<R> reader, String topic, byte[] data, int writerId) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, 5, data.length - 5, null);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read " + reader.getExpected().getFullName() + " (writer schema id "
                    + writerId + ") from topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * The schema a record was written with. An id the registry does not know is bad data (the
     * record cannot be read, ever); a registry that cannot answer is not, and fails the caller.
     */
    static Schema writerSchema(SchemaRegistry registry, String topic, int id) {
        try {
            return registry.byId(id);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SCHEMA_NOT_FOUND) {
                throw new SerializationException("record on topic " + topic + " names schema id " + id
                        + ", which the Schema Registry does not know", e);
            }
            throw e;
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean key) {
        // Configured by its constructor.
    }

    @Override
    public void close() {
        // The registry client is shared and closed by its owner.
    }
}
