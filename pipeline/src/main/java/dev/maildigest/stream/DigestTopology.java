package dev.maildigest.stream;

import java.util.List;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import dev.maildigest.avro.Digest;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RawMail;
import dev.maildigest.config.Topics;
import dev.maildigest.registry.RecordSerdes;

/**
 * mail.raw → parse → re-key by (list, range) → one digest per complete range → mail.digests and
 * mail.digests.text; unreadable input → mail.dead-letters.
 *
 * <p>Parsing runs on the partitions of mail.raw, which the ingester keys by commit so that one busy
 * list spreads over all of them; the grouping by range re-partitions after parsing, so each range
 * is collected by one task.
 */
public final class DigestTopology {
    static final String MESSAGES_STORE = "range-messages";
    static final String ARRIVED_STORE = "range-arrived";
    /** Ranges whose digest is out, with when, so that a late or repeated record never reopens one. */
    static final String COMPLETED_STORE = "range-completed";

    private DigestTopology() {
    }

    /**
     * @param parser        turns a raw mail into a parsed one; never throws (failures are in the result)
     * @param digestOfRange builds the digest, rendered text included, from the range's messages in order
     */
    public static Topology build(Topics topics, RecordSerdes serdes,
                                 Function<RawMail, ParsedMail> parser,
                                 Function<List<ParsedMail>, Digest> digestOfRange) {
        StreamsBuilder builder = new StreamsBuilder();
        // Cached: a range usually arrives and completes between two commits, so its messages are
        // put and deleted in the cache and never reach RocksDB or the changelog (only tombstones do).
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(MESSAGES_STORE), Serdes.String(), serdes.parsedMail()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ARRIVED_STORE), Serdes.String(), Serdes.Integer()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(COMPLETED_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled());

        // Values are decoded in the parse step, so that an unreadable record becomes a dead letter.
        KStream<String, ParseOutcome> outcomes = builder
                .stream(topics.raw(), Consumed.with(serdes.key(), Serdes.ByteArray()).withName("read-raw-mail"))
                .mapValues(value -> ParseOutcome.of(topics.raw(), value, serdes.rawMail(), parser), Named.as("parse"));

        outcomes.flatMapValues(ParseOutcome::deadLetters, Named.as("unreadable"))
                .to(topics.deadLetters(), Produced.with(serdes.key(), serdes.deadLetter()).withName("write-dead-letters"));

        KStream<String, Digest> digests = outcomes
                .filter((key, outcome) -> outcome.parsed() != null, Named.as("readable"))
                .map((key, outcome) -> KeyValue.pair(RangeKeys.range(outcome.parsed().getCoordinates()), outcome.parsed()),
                        Named.as("key-by-range"))
                .repartition(Repartitioned.with(Serdes.String(), serdes.parsedMail()).withName("parsed-by-range"))
                .process(() -> new RangeAggregator(digestOfRange, System::nanoTime), Named.as("collect-range"),
                        MESSAGES_STORE, ARRIVED_STORE, COMPLETED_STORE);

        digests.to(topics.digests(), Produced.with(serdes.key(), serdes.digest()).withName("write-digests"));
        digests.mapValues(Digest::getText, Named.as("text-only"))
                .to(topics.digestsText(), Produced.with(Serdes.String(), Serdes.String()).withName("write-digest-texts"));
        return builder.build();
    }
}
