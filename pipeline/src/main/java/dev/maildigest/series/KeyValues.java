package dev.maildigest.series;

import java.util.List;
import java.util.Map;

/**
 * The little of a key-value store the series logic needs: a Kafka Streams store in the pipeline, a
 * sorted map in tests. Values read are copies: a changed value counts only once put back.
 */
public interface KeyValues<V> {
    V get(String key);

    void put(String key, V value);

    void delete(String key);

    /** The entries whose key starts with {@code prefix}, read before any change is made to them. */
    List<Map.Entry<String, V>> withPrefix(String prefix);
}
