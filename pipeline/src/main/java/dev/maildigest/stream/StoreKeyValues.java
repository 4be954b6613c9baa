package dev.maildigest.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.maildigest.series.KeyValues;

/** A Streams key-value store with String keys, as the series logic uses one. */
final class StoreKeyValues<V> implements KeyValues<V> {
    private static final StringSerializer KEYS = new StringSerializer();
    private final KeyValueStore<String, V> store;

    StoreKeyValues(KeyValueStore<String, V> store) {
        this.store = store;
    }

    @Override
    public V get(String key) {
        return store.get(key);
    }

    @Override
    public void put(String key, V value) {
        store.put(key, value);
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }

    @Override
    public List<Map.Entry<String, V>> withPrefix(String prefix) {
        List<Map.Entry<String, V>> entries = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, V> entry = it.next();
                entries.add(Map.entry(entry.key, entry.value));
            }
        }
        return entries;
    }
}
