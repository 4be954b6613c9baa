package dev.maildigest.serve;

/**
 * What the front page shows of a followed list: totals over its digests and its newest one.
 *
 * @param lastDate  millis of the newest digest's last message, or null when it has no dates
 * @param lastRange the newest digest's address ({@code first8..last8}), or null when there is none
 * @param updates   digests filed so far, replayed ones included: the version of the list's pages
 *                  (the feed's ETag), the same on every instance since it is in the store
 */
record ListSummary(String list, String listName, int digests, long messages, long patches, Long lastDate, String lastRange,
                   long updates) {

    static ListSummary empty(String list, String listName) {
        return new ListSummary(list, listName, 0, 0, 0, null, null, 0);
    }

    /** The totals with {@code digest} counted ({@code sign} 1, a new version) or uncounted ({@code sign} -1). */
    ListSummary count(DigestSummary digest, int sign) {
        return new ListSummary(list, digest.listName(), digests + sign, messages + (long) sign * digest.messages(),
                patches + (long) sign * digest.patches(), lastDate, lastRange, sign > 0 ? updates + 1 : updates);
    }

    ListSummary withNewest(DigestSummary newest) {
        return new ListSummary(list, listName, digests, messages, patches,
                newest == null ? null : newest.dateTo() != null ? newest.dateTo() : newest.dateFrom(),
                newest == null ? null : newest.range(), updates);
    }
}
