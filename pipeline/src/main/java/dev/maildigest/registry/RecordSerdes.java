package dev.maildigest.registry;

import dev.maildigest.avro.DeadLetter;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.IngestCheckpoint;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RawMail;

/** One Avro value serde per record of schemas/, all through the same registry. */
public record RecordSerdes(
        AvroSerde<RawMail> rawMail,
        AvroSerde<ParsedMail> parsedMail,
        AvroSerde<Digest> digest,
        AvroSerde<DeadLetter> deadLetter,
        AvroSerde<IngestCheckpoint> checkpoint) {

    public static RecordSerdes using(SchemaRegistry registry) {
        return new RecordSerdes(
                AvroSerde.forValues(registry, RawMail.class),
                AvroSerde.forValues(registry, ParsedMail.class),
                AvroSerde.forValues(registry, Digest.class),
                AvroSerde.forValues(registry, DeadLetter.class),
                AvroSerde.forValues(registry, IngestCheckpoint.class));
    }
}
