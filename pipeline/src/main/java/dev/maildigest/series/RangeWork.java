package dev.maildigest.series;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.maildigest.avro.SeriesFact;
import dev.maildigest.avro.SeriesVersion;

/** What one range did, while its facts are applied; the versions it read, each read once. */
final class RangeWork {
    private final KeyValues<String> index;
    private final KeyValues<SeriesVersion> versions;
    final String list;
    final long sequence;
    final Instant fallbackDate;
    final Map<String, VersionTouch> touches = new LinkedHashMap<>();
    final Set<String> indexedHere = new HashSet<>();
    private final Map<String, SeriesVersion> read = new HashMap<>();
    private final Map<String, String> indexRead = new HashMap<>();
    final Set<SeriesVersion> changed = Collections.newSetFromMap(new IdentityHashMap<>());

    RangeWork(KeyValues<String> index, KeyValues<SeriesVersion> versions, String list, long sequence, Instant fallbackDate) {
        this.index = index;
        this.versions = versions;
        this.list = list;
        this.sequence = sequence;
        this.fallbackDate = fallbackDate;
    }

    /** The version id a message is indexed under, null when none; each key read from the store once per range. */
    String indexed(String messageId) {
        if (!indexRead.containsKey(messageId)) {
            indexRead.put(messageId, index.get(SeriesTracker.key(list, messageId)));
        }
        return indexRead.get(messageId);
    }

    void index(String messageId, String versionId) {
        index.put(SeriesTracker.key(list, messageId), versionId);
        indexRead.put(messageId, versionId);
    }

    /** The version by its id, as this range left it so far; null when unknown. */
    SeriesVersion version(String versionId) {
        if (!read.containsKey(versionId)) {
            read.put(versionId, versions.get(SeriesTracker.key(list, versionId)));
        }
        return read.get(versionId);
    }

    SeriesVersion created(SeriesVersion v) {
        read.put(v.getVersionId(), v);
        return v;
    }

    /** To be written back once the range's facts are all applied. */
    void changed(SeriesVersion v) {
        changed.add(v);
    }

    Instant dateOf(SeriesFact fact) {
        return fact.getDate() != null ? fact.getDate() : fallbackDate;
    }

    VersionTouch touch(SeriesVersion v, boolean created) {
        return touches.computeIfAbsent(v.getVersionId(), id -> new VersionTouch(id, !created, created ? 0 : v.getPatches().size()));
    }

    /** The version a message is indexed under, as this range left it so far; null when none. */
    SeriesVersion versionOf(String messageId) {
        String id = messageId == null ? null : indexed(messageId);
        return id == null ? null : version(id);
    }
}
