package dev.maildigest.stream;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.registry.RecordSerdes;

/**
 * A parsed mail on its way to its range: the record as parsed before the re-partition by range,
 * its coordinates and the bytes it arrived in after it. The range stage counts a mail by its
 * coordinates and keeps its bytes as they came until the range is complete, so each mail is decoded
 * once there, rather than decoded, encoded into the store and decoded again.
 *
 * @param parsed  the mail, before the re-partition; null after it
 * @param encoded the mail as a framed Avro ParsedMail, after the re-partition; null before it
 */
record RangeMail(Coordinates coordinates, ParsedMail parsed, byte[] encoded) {

    static RangeMail of(ParsedMail parsed) {
        return new RangeMail(parsed.getCoordinates(), parsed, null);
    }

    /** Writes a ParsedMail; reads its coordinates and keeps its bytes. */
    static Serde<RangeMail> serde(RecordSerdes serdes) {
        Serializer<RangeMail> writer = (topic, mail) -> mail == null ? null
                : mail.encoded() != null ? mail.encoded() : serdes.parsedMail().serialize(topic, mail.parsed());
        Deserializer<RangeMail> reader = (topic, data) -> data == null ? null
                : new RangeMail(serdes.parsedMailCoordinates().read(topic, data), null, data);
        return Serdes.serdeFrom(writer, reader);
    }
}
