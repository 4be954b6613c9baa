package dev.maildigest.serve;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import dev.maildigest.avro.Digest;

/** What the pages read, over the serve stores of one partition (or all local ones, for the lists). */
record ServeStores(ReadOnlyKeyValueStore<String, Digest> digests,
                   ReadOnlyKeyValueStore<String, DigestSummary> index,
                   ReadOnlyKeyValueStore<String, String> ranges,
                   ReadOnlyKeyValueStore<String, ListSummary> lists) {

    ListSummary list(String list) {
        return lists.get(list);
    }

    List<ListSummary> allLists() {
        return allLists(lists);
    }

    /** Every list of a lists store (all of this instance's partitions, when queried without one). */
    static List<ListSummary> allLists(ReadOnlyKeyValueStore<String, ListSummary> lists) {
        List<ListSummary> all = new ArrayList<>();
        try (KeyValueIterator<String, ListSummary> it = lists.all()) {
            it.forEachRemaining(entry -> all.add(entry.value));
        }
        return all;
    }

    /** The index key of the digest at {@code /<list>/<first8>..<last8>/}, or null. */
    String indexKey(String list, String first8, String last8) {
        return ranges.get(StoreKeys.shortRange(list, first8, last8));
    }

    Digest digest(String indexKey) {
        return digests.get(indexKey);
    }

    /**
     * Up to {@code limit} digests of the list, newest first, starting below {@code below} (an index
     * key, exclusive) or at the newest when it is null.
     */
    List<DigestSummary> newest(String list, String below, int limit) {
        List<DigestSummary> page = new ArrayList<>(limit);
        String to = below != null ? below : StoreKeys.listEnd(list);
        try (KeyValueIterator<String, DigestSummary> it = index.reverseRange(StoreKeys.listStart(list), to)) {
            while (it.hasNext() && page.size() < limit) {
                var entry = it.next();
                if (!entry.key.equals(below)) {
                    page.add(entry.value);
                }
            }
        }
        return page;
    }

    /** The digest just older than {@code indexKey} in its list, or null. */
    DigestSummary older(String list, String indexKey) {
        List<DigestSummary> one = newest(list, indexKey, 1);
        return one.isEmpty() ? null : one.get(0);
    }

    /** The digest just newer than {@code indexKey} in its list, or null. */
    DigestSummary newer(String list, String indexKey) {
        try (KeyValueIterator<String, DigestSummary> it = index.range(indexKey, StoreKeys.listEnd(list))) {
            while (it.hasNext()) {
                var entry = it.next();
                if (!entry.key.equals(indexKey)) {
                    return entry.value;
                }
            }
        }
        return null;
    }
}
