package dev.maildigest.serve;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.maildigest.avro.Digest;

/**
 * Files each digest of a list (the records arrive keyed by list, so one task sees all of a list's
 * digests) under the keys of {@link StoreKeys}, and keeps the list's totals. A digest that comes
 * again for the same range (a replayed topic) replaces the one filed before: totals count it once.
 */
final class DigestIndexer implements Processor<String, Digest, Void, Void> {
    private KeyValueStore<String, Digest> digests;
    private KeyValueStore<String, DigestSummary> index;
    private KeyValueStore<String, String> ranges;
    private KeyValueStore<String, ListSummary> lists;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        digests = context.getStateStore(ServeTopology.DIGESTS_STORE);
        index = context.getStateStore(ServeTopology.INDEX_STORE);
        ranges = context.getStateStore(ServeTopology.RANGES_STORE);
        lists = context.getStateStore(ServeTopology.LISTS_STORE);
    }

    @Override
    public void process(Record<String, Digest> record) {
        Digest digest = record.value();
        if (digest == null) {
            return;
        }
        String list = digest.getList();
        ListSummary totals = lists.get(list);
        if (totals == null) {
            totals = ListSummary.empty(list, digest.getListName());
        }
        String shortKey = StoreKeys.shortRange(list, digest.getFirstShort(), digest.getLastShort());
        String filedBefore = ranges.get(shortKey);
        if (filedBefore != null) {
            DigestSummary old = index.get(filedBefore);
            if (old != null) {
                totals = totals.count(old, -1);
            }
            index.delete(filedBefore);
            digests.delete(filedBefore);
        }
        String key = StoreKeys.index(digest);
        DigestSummary summary = DigestSummary.of(digest, key);
        digests.put(key, digest);
        index.put(key, summary);
        ranges.put(shortKey, key);
        lists.put(list, totals.count(summary, 1).withNewest(newest(list)));
    }

    private DigestSummary newest(String list) {
        try (KeyValueIterator<String, DigestSummary> it = index.reverseRange(StoreKeys.listStart(list), StoreKeys.listEnd(list))) {
            if (it.hasNext()) {
                KeyValue<String, DigestSummary> entry = it.next();
                return entry.value;
            }
            return null;
        }
    }
}
