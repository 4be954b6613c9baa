package dev.maildigest.serve;

import dev.maildigest.avro.Digest;
import dev.maildigest.avro.MailKind;

/**
 * One line of a list's index page: what the page shows of a digest, small enough that a page of
 * 50 reads a few kilobytes instead of 50 whole digests.
 *
 * @param dateFrom millis of the first message's date, or null
 * @param dateTo   millis of the last message's date, or null
 * @param patches  patch mails (cover letters not counted)
 */
record DigestSummary(String list, String listName, String firstShort, String lastShort, Long dateFrom, Long dateTo,
                     int messages, int patches, int series, String indexKey) {

    static DigestSummary of(Digest d, String indexKey) {
        int patches = (int) d.getPatches().stream().filter(p -> p.getKind() == MailKind.PATCH).count();
        return new DigestSummary(d.getList(), d.getListName(), d.getFirstShort(), d.getLastShort(),
                d.getDateFrom() == null ? null : d.getDateFrom().toEpochMilli(),
                d.getDateTo() == null ? null : d.getDateTo().toEpochMilli(),
                d.getMessages(), patches, d.getSeries().size(), indexKey);
    }

    /** The digest's address below its list: {@code first8..last8}. */
    String range() {
        return firstShort + ".." + lastShort;
    }
}
