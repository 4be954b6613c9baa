package dev.maildigest.series;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.maildigest.avro.SeriesVersion;
import dev.maildigest.avro.VersionMessage;

/**
 * Forgets the series versions of a list that have been quiet for the retention, with their index
 * and lineage entries, so that the series state stays at a few months of a list. Time is archive
 * time, never the wall clock: a backfill of years keeps the same few months at every point.
 *
 * <p>Its store holds, per list, {@code <list>/newest} (the list's archive time: the latest
 * earliest-message date of a range, so that one mail dated years ahead cannot move it),
 * {@code <list>/swept} (archive day of the last clean-up) and {@code <list>/active/<version id>}
 * (each version's last activity, so that a clean-up reads numbers, not versions).
 */
final class SeriesRetention {
    private static final long DAY = Duration.ofDays(1).toMillis();
    /**
     * Archive days between two clean-ups of a list. A clean-up reads the last activity of every
     * version the list keeps (a backfill of a busy list: hundreds, on almost every range), so it
     * runs weekly: a version is forgotten between the retention and a week after it.
     */
    static final int SWEEP_EVERY_DAYS = 7;

    private final KeyValues<String> index;
    private final KeyValues<SeriesVersion> versions;
    private final KeyValues<String> lineage;
    private final KeyValues<Long> store;
    private final Duration retention;

    SeriesRetention(KeyValues<String> index, KeyValues<SeriesVersion> versions, KeyValues<String> lineage,
                    KeyValues<Long> store, Duration retention) {
        this.index = index;
        this.versions = versions;
        this.lineage = lineage;
        this.store = store;
        this.retention = retention;
    }

    /** Notes the version's last activity, as it is being written back. */
    void touched(SeriesVersion v) {
        store.put(activeKey(v.getList(), v.getVersionId()), v.getLastActivity().toEpochMilli());
    }

    /**
     * Moves the list's archive time to {@code rangeStart} (a range's earliest message date) and,
     * every {@link #SWEEP_EVERY_DAYS} archive days, forgets the versions quiet for longer than the
     * retention.
     */
    void advance(String list, Instant rangeStart) {
        Long newest = store.get(list + "/newest");
        if (rangeStart == null || newest != null && rangeStart.toEpochMilli() <= newest) {
            return;
        }
        long now = rangeStart.toEpochMilli();
        store.put(list + "/newest", now);
        Long swept = store.get(list + "/swept");
        if (swept == null || now / DAY >= swept + SWEEP_EVERY_DAYS) {
            forgetQuietVersions(list, now - retention.toMillis());
            store.put(list + "/swept", now / DAY);
        }
    }

    private void forgetQuietVersions(String list, long cutoff) {
        String prefix = activeKey(list, "");
        for (Map.Entry<String, Long> entry : store.withPrefix(prefix)) {
            if (entry.getValue() >= cutoff) {
                continue;
            }
            store.delete(entry.getKey());
            SeriesVersion v = versions.get(SeriesTracker.key(list, entry.getKey().substring(prefix.length())));
            if (v != null) {
                forget(list, v);
            }
        }
    }

    private void forget(String list, SeriesVersion v) {
        for (VersionMessage m : v.getMessages()) {
            String id = SeriesTracker.heldId(m);
            if (v.getVersionId().equals(index.get(SeriesTracker.key(list, id)))) {
                index.delete(SeriesTracker.key(list, id));
            }
        }
        for (String k : v.getLineageKeys()) {
            if (v.getVersionId().equals(lineage.get(k))) {
                lineage.delete(k);
            }
        }
        versions.delete(SeriesTracker.key(list, v.getVersionId()));
    }

    private static String activeKey(String list, String versionId) {
        return list + "/active/" + versionId;
    }
}
