package dev.maildigest.registry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads one field of a Confluent-framed Avro record and skips the rest: Avro's schema resolution
 * with a reader schema that has only that field (a projection). Skipping a string costs its length
 * only, so reading a message's coordinates this way is cheap next to decoding the whole record.
 * The projection is a record of its own name with the full record's name as alias, so that it
 * resolves against every version of the record yet is never mistaken for the generated class.
 */
public final class AvroField<F> {
    private final SchemaRegistry registry;
    private final SpecificData model;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<GenericRecord>> readerByWriterId = new ConcurrentHashMap<>();

    private AvroField(SchemaRegistry registry, SpecificData model, Schema readerSchema) {
        this.registry = registry;
        this.model = model;
        this.readerSchema = readerSchema;
    }

    /** A reader of {@code field} of {@code record}'s values; the field's value is of type {@code F}. */
    public static <R extends SpecificRecord, F> AvroField<F> of(SchemaRegistry registry, Class<R> record, String field) {
        SpecificData model = SpecificData.getForClass(record);
        Schema full = model.getSchema(record);
        Schema.Field kept = full.getField(field);
        if (kept == null) {
            throw new IllegalArgumentException(full.getFullName() + " has no field " + field);
        }
        Schema projection = Schema.createRecord(full.getName() + "_" + field, "Only " + field + " of " + full.getName(),
                full.getNamespace(), false, List.of(new Schema.Field(kept, kept.schema())));
        projection.addAlias(full.getFullName());
        return new AvroField<>(registry, model, projection);
    }

    /** The field's value in {@code data} (a framed record as {@link AvroSerde} writes it); null for null. */
    @SuppressWarnings("unchecked")
    public F read(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int writerId = AvroSerde.writerId(topic, data);
        SpecificDatumReader<GenericRecord> reader = readerByWriterId.computeIfAbsent(writerId,
                id -> new SpecificDatumReader<>(AvroSerde.writerSchema(registry, topic, id), readerSchema, model));
        return (F) AvroSerde.read(reader, topic, data, writerId).get(0);
    }
}
