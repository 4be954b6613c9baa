package dev.maildigest.registry;

import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.DeadLetter;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.IngestCheckpoint;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RangeSummary;
import dev.maildigest.avro.RawMail;
import dev.maildigest.avro.SeriesVersion;

/**
 * The serdes of the pipeline's Avro topics, all through the same registry: one value serde per
 * record of schemas/, Avro string keys, and the coordinates alone of a parsed mail.
 */
public record RecordSerdes(
        AvroSerde<String> key,
        AvroSerde<RawMail> rawMail,
        AvroSerde<ParsedMail> parsedMail,
        AvroSerde<Digest> digest,
        AvroSerde<DeadLetter> deadLetter,
        AvroSerde<IngestCheckpoint> checkpoint,
        AvroSerde<RangeSummary> rangeSummary,
        AvroSerde<SeriesVersion> seriesVersion,
        AvroField<Coordinates> parsedMailCoordinates) {

    public static RecordSerdes using(SchemaRegistry registry) {
        return new RecordSerdes(
                AvroSerde.forStringKeys(registry),
                AvroSerde.forValues(registry, RawMail.class),
                AvroSerde.forValues(registry, ParsedMail.class),
                AvroSerde.forValues(registry, Digest.class),
                AvroSerde.forValues(registry, DeadLetter.class),
                AvroSerde.forValues(registry, IngestCheckpoint.class),
                AvroSerde.forValues(registry, RangeSummary.class),
                AvroSerde.forValues(registry, SeriesVersion.class),
                AvroField.of(registry, ParsedMail.class, "coordinates"));
    }
}
