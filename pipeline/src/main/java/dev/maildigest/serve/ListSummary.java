package dev.maildigest.serve;

/**
 * What the front page shows of a followed list: totals over its digests and its newest one.
 *
 * @param lastDate  millis of the newest digest's last message, or null when it has no dates
 * @param lastRange the newest digest's address ({@code first8..last8}), or null when there is none
 */
record ListSummary(String list, String listName, int digests, long messages, long patches, Long lastDate, String lastRange) {

    static ListSummary empty(String list, String listName) {
        return new ListSummary(list, listName, 0, 0, 0, null, null);
    }

    /** The totals with {@code digest} counted ({@code sign} 1) or uncounted ({@code sign} -1). */
    ListSummary count(DigestSummary digest, int sign) {
        return new ListSummary(list, digest.listName(), digests + sign, messages + (long) sign * digest.messages(),
                patches + (long) sign * digest.patches(), lastDate, lastRange);
    }

    ListSummary withNewest(DigestSummary newest) {
        return new ListSummary(list, listName, digests, messages, patches,
                newest == null ? null : newest.dateTo() != null ? newest.dateTo() : newest.dateFrom(),
                newest == null ? null : newest.range());
    }
}
