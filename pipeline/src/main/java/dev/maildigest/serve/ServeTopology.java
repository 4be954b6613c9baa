package dev.maildigest.serve;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import dev.maildigest.avro.Digest;
import dev.maildigest.config.Topics;
import dev.maildigest.registry.RecordSerdes;

/**
 * mail.digests → re-key by list → the serve stores ({@link StoreKeys} has their layout).
 *
 * <p>mail.digests is keyed by range (and partitioned by list, by the stream stage's own hash); the
 * re-partition by list puts all of a list's digests, its index and its totals in one task, hence
 * on one instance: every page of a list is answered by the instance that owns the list's partition
 * of {@link #BY_LIST} (or is forwarded there), and an index page is one range scan.
 */
public final class ServeTopology {
    static final String DIGESTS_STORE = "serve-digests";
    static final String INDEX_STORE = "serve-index";
    static final String RANGES_STORE = "serve-ranges";
    static final String LISTS_STORE = "serve-lists";
    /** Name of the re-partition step (its topic is {@code <application id>-digests-by-list-repartition}). */
    static final String BY_LIST = "digests-by-list";

    private ServeTopology() {
    }

    public static Topology build(Topics topics, RecordSerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DIGESTS_STORE), Serdes.String(), serdes.digest()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(INDEX_STORE), Serdes.String(), new JsonSerde<>(DigestSummary.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RANGES_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LISTS_STORE), Serdes.String(), new JsonSerde<>(ListSummary.class)));

        builder.stream(topics.digests(), Consumed.with(serdes.key(), serdes.digest()).withName("read-digests"))
                .filter((range, digest) -> digest != null, Named.as("digests-only"))
                .map((range, digest) -> KeyValue.pair(digest.getList(), digest), Named.as("key-by-list"))
                .repartition(Repartitioned.with(Serdes.String(), serdes.digest()).withName(BY_LIST))
                .process(DigestIndexer::new, Named.as("file-digest"), DIGESTS_STORE, INDEX_STORE, RANGES_STORE, LISTS_STORE);
        return builder.build();
    }
}
