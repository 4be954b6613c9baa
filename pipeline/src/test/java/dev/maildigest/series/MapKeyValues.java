package dev.maildigest.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** {@link KeyValues} in a sorted map; values are copied in and out, as a real store would. */
final class MapKeyValues<V> implements KeyValues<V> {
    final TreeMap<String, V> map = new TreeMap<>();

    @Override
    public V get(String key) {
        return copy(map.get(key));
    }

    @Override
    public void put(String key, V value) {
        map.put(key, copy(value));
    }

    @Override
    public void delete(String key) {
        map.remove(key);
    }

    @Override
    public List<Map.Entry<String, V>> withPrefix(String prefix) {
        List<Map.Entry<String, V>> out = new ArrayList<>();
        map.tailMap(prefix, true).forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.add(Map.entry(k, copy(v)));
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <V> V copy(V value) {
        if (value instanceof SpecificRecord r) {
            return (V) SpecificData.getForSchema(r.getSchema()).deepCopy(r.getSchema(), r);
        }
        return value;
    }
}
