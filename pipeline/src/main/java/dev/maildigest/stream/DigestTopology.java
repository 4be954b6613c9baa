package dev.maildigest.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;

import dev.maildigest.avro.Digest;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RawMail;
import dev.maildigest.config.Topics;
import dev.maildigest.registry.RecordSerdes;

/**
 * mail.raw → parse → re-key by (list, range) → one digest per complete range → re-key by list →
 * the list's ranges in archive order → series state → mail.digests and mail.digests.text; unreadable input →
 * mail.dead-letters.
 *
 * <p>Parsing runs on the partitions of mail.raw, which the ingester keys by commit so that one busy
 * list spreads over all of them; the grouping by range re-partitions after parsing, so each range
 * is collected by one task, and ranges are collected in parallel. The list stage re-partitions the
 * ranges' summaries (digest and series facts) by list, so one task sees all of a list's, puts them
 * in archive order ({@link ArchiveOrder}), applies them to the list's series state and renders the
 * final digest ({@link SeriesTracking}). The outputs keep the range as key but are partitioned by list
 * ({@link ByList}): a consumer reads each list's digests in one partition, in archive order.
 */
public final class DigestTopology {
    static final String MESSAGES_STORE = "range-messages";
    static final String ARRIVED_STORE = "range-arrived";
    /** Ranges whose digest is out, with when, so that a late or repeated record never reopens one. */
    static final String COMPLETED_STORE = "range-completed";
    /** Digests that arrived before the one they follow, by list and the sequence they follow. */
    static final String WAITING_STORE = "list-waiting";
    /** Per list, the sequence of the last digest out: what the next one must follow. */
    static final String LAST_OUT_STORE = "list-last-out";
    /** Series state (see {@link dev.maildigest.series.SeriesTracker}): Message-ID of a patch, cover or counted reply → its series version. */
    static final String SERIES_INDEX_STORE = "series-index";
    /** Series state: each series version the list stage knows, by list and version id. */
    static final String SERIES_VERSIONS_STORE = "series-versions";
    /** Series state: change-id, and author plus subject → the newest version, to link versions. */
    static final String SERIES_LINEAGE_STORE = "series-lineage";
    /** Series state: per list, the archive time reached, the day of the last clean-up, each version's last activity. */
    static final String SERIES_RETENTION_STORE = "series-retention";
    /** Name of the re-partition from the range stage to the list stage (its topic ends in -repartition). */
    static final String BY_LIST = "range-digests-by-list";

    private DigestTopology() {
    }

    /**
     * @param parser        turns a raw mail into a parsed one; never throws (failures are in the result)
     * @param digestOfRange builds the digest from the range's messages in order (its text is left
     *                      to the list stage: it depends on the series state)
     * @param textRenderer  renders the final digest as the text of mail.digests.text
     */
    public static Topology build(Topics topics, RecordSerdes serdes,
                                 Function<RawMail, ParsedMail> parser,
                                 Function<List<ParsedMail>, Digest> digestOfRange,
                                 Function<Digest, String> textRenderer) {
        StreamsBuilder builder = new StreamsBuilder();
        // Cached: a range usually arrives and completes between two commits, so its messages are
        // put and deleted in the cache and never reach RocksDB or the changelog (only tombstones do).
        // Its values are the parsed mails' Avro bytes as the re-partition delivered them (RangeMail).
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(MESSAGES_STORE), Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ARRIVED_STORE), Serdes.String(), Serdes.Integer()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(COMPLETED_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(WAITING_STORE), Serdes.String(), serdes.rangeSummary()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LAST_OUT_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SERIES_INDEX_STORE), Serdes.String(), Serdes.String()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SERIES_VERSIONS_STORE), Serdes.String(), serdes.seriesVersion()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SERIES_LINEAGE_STORE), Serdes.String(), Serdes.String()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SERIES_RETENTION_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled());

        // Values are decoded in the parse step, so that an unreadable record becomes a dead letter.
        KStream<String, ParseOutcome> outcomes = builder
                .stream(topics.raw(), Consumed.with(serdes.key(), Serdes.ByteArray()).withName("read-raw-mail"))
                .mapValues(value -> ParseOutcome.of(topics.raw(), value, serdes.rawMail(), parser), Named.as("parse"));

        outcomes.flatMapValues(ParseOutcome::deadLetters, Named.as("unreadable"))
                .to(topics.deadLetters(), Produced.with(serdes.key(), serdes.deadLetter()).withName("write-dead-letters"));

        KStream<String, Digest> digests = outcomes
                .filter((key, outcome) -> outcome.parsed() != null, Named.as("readable"))
                .map((key, outcome) -> KeyValue.pair(RangeKeys.range(outcome.parsed().getCoordinates()), RangeMail.of(outcome.parsed())),
                        Named.as("key-by-range"))
                .repartition(Repartitioned.with(Serdes.String(), RangeMail.serde(serdes)).withName("parsed-by-range"))
                .process(() -> new RangeAggregator(RangeSummaries.of(digestOfRange),
                                bytes -> serdes.parsedMail().deserialize(MESSAGES_STORE, bytes), System::nanoTime), Named.as("collect-range"),
                        MESSAGES_STORE, ARRIVED_STORE, COMPLETED_STORE)
                .repartition(Repartitioned.with(Serdes.String(), serdes.rangeSummary()).withName(BY_LIST))
                .process(() -> new ArchiveOrder(System::nanoTime), Named.as("order-by-archive"), WAITING_STORE, LAST_OUT_STORE)
                .process(() -> new SeriesTracking(textRenderer), Named.as("track-series"),
                        SERIES_INDEX_STORE, SERIES_VERSIONS_STORE, SERIES_LINEAGE_STORE, SERIES_RETENTION_STORE);

        digests.to(topics.digests(), Produced.with(serdes.key(), serdes.digest()).withStreamPartitioner(new ByList<>())
                .withName("write-digests"));
        digests.mapValues(Digest::getText, Named.as("text-only"))
                .to(topics.digestsText(), Produced.with(Serdes.String(), Serdes.String()).withStreamPartitioner(new ByList<>())
                        .withName("write-digest-texts"));
        return builder.build();
    }

    /**
     * Partitions records keyed by range by the list part of the key, the same way on every output
     * topic, so that one list's digests are in one partition in the order they were emitted.
     */
    static final class ByList<V> implements StreamPartitioner<String, V> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String rangeKey, V value, int numPartitions) {
            byte[] list = RangeKeys.list(rangeKey).getBytes(StandardCharsets.UTF_8);
            return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(list)) % numPartitions));
        }
    }
}
