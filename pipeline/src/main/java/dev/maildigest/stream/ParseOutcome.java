package dev.maildigest.stream;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Deserializer;

import dev.maildigest.avro.DeadLetter;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RawMail;
import dev.maildigest.ops.PipelineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;

/**
 * What the parse step made of one record of mail.raw: the parsed mail (failures included, so the
 * range still completes) and the dead letter to write when the record or its mail was unreadable.
 */
record ParseOutcome(ParsedMail parsed, DeadLetter deadLetter) {
    static final String STAGE = "parse";
    private static final Counter PARSED = PipelineMetrics.messagesParsed();
    private static final Timer PARSE_TIME = PipelineMetrics.stageTime(STAGE);

    static ParseOutcome of(String topic, byte[] value, Deserializer<RawMail> decoder, Function<RawMail, ParsedMail> parser) {
        RawMail raw;
        try {
            raw = decoder.deserialize(topic, value);
        } catch (RuntimeException e) {
            // Not a RawMail at all: its range cannot be known, but the bytes are kept.
            return new ParseOutcome(null, deadLetter("unreadable record on " + topic + ": " + e.getMessage(), null, value, value.length));
        }
        long started = System.nanoTime();
        ParsedMail parsed = parser.apply(raw);
        PARSE_TIME.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        PARSED.increment();
        if (parsed.getFailure() == null || raw.getMessage() == null) {
            // A message rejected by the ingester has its dead letter already.
            return new ParseOutcome(parsed, null);
        }
        ByteBuffer message = raw.getMessage();
        byte[] original = new byte[message.remaining()];
        message.duplicate().get(original);
        return new ParseOutcome(parsed, deadLetter(parsed.getFailure(), raw, original, raw.getSize()));
    }

    private static DeadLetter deadLetter(String reason, RawMail raw, byte[] original, long size) {
        PipelineMetrics.deadLettered(STAGE).increment();
        return DeadLetter.newBuilder()
                .setStage(STAGE)
                .setReason(reason)
                .setCoordinates(raw == null ? null : raw.getCoordinates())
                .setOccurredAt(java.time.Instant.now())
                .setSize(size)
                .setOriginal(ByteBuffer.wrap(original))
                .build();
    }

    List<DeadLetter> deadLetters() {
        return deadLetter == null ? List.of() : List.of(deadLetter);
    }
}
