package dev.maildigest.serve;

import java.time.Instant;
import java.util.regex.Pattern;

import dev.maildigest.avro.Digest;

/**
 * Keys of the serve stores. Every key starts with the list and a NUL, so that one list's entries
 * are one contiguous run of a store (RocksDB orders keys bytewise) and no list name is the prefix
 * of another's run. The index orders a list's digests by the date of their last message, then by
 * range:
 *
 * <pre>
 *   serve-index    kvm \0 001764230400000 \0 3f9c2a71...d0..b04e6d18...e7   → DigestSummary
 *   serve-digests  (the same key)                                           → Digest
 *   serve-ranges   kvm \0 3f9c2a71..b04e6d18                                → the index key
 *   serve-lists    kvm                                                      → ListSummary
 * </pre>
 *
 * A page of the index is a reverse range scan from a cursor, so showing the newest 50 of ten
 * thousand digests reads 50 entries.
 */
final class StoreKeys {
    static final char SEP = '\u0000';
    private static final Pattern CURSOR = Pattern.compile("[0-9]{15}-[0-9A-Za-z]{1,64}\\.\\.[0-9A-Za-z]{1,64}");

    private StoreKeys() {
    }

    /** The index key of a digest: list, zero-padded date of its last message (millis, UTC), full range. */
    static String index(Digest d) {
        return d.getList() + SEP + String.format("%015d", Math.max(0, sortDate(d))) + SEP
                + d.getRange().getFirst() + ".." + d.getRange().getLast();
    }

    /** The date a digest sorts by: its last message's, else its first's, else none (0). */
    static long sortDate(Digest d) {
        Instant date = d.getDateTo() != null ? d.getDateTo() : d.getDateFrom();
        return date == null ? 0 : date.toEpochMilli();
    }

    /** The key by which a digest's address ({@code first8..last8}) finds its index key. */
    static String shortRange(String list, String first8, String last8) {
        return list + SEP + first8 + ".." + last8;
    }

    /** Lowest key of a list's run (inclusive). */
    static String listStart(String list) {
        return list + SEP;
    }

    /** A key above every key of the list's run and below every other list's (inclusive bound). */
    static String listEnd(String list) {
        return list + '\u0001';
    }

    /** The index key as it appears in a URL: {@code 001764230400000-<first>..<last>}. */
    static String cursor(String indexKey) {
        return indexKey.substring(indexKey.indexOf(SEP) + 1).replace(SEP, '-');
    }

    /** The index key named by a URL's cursor, or null when the cursor is not one this server made. */
    static String fromCursor(String list, String cursor) {
        if (cursor == null || !CURSOR.matcher(cursor).matches()) {
            return null;
        }
        return list + SEP + cursor.substring(0, 15) + SEP + cursor.substring(16);
    }
}
