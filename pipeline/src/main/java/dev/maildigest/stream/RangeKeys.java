package dev.maildigest.stream;

import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Coordinates;

/**
 * Keys of the range-grouping stage. A range is named by its list and its first and last commit;
 * its messages are stored under the range key plus their zero-padded index, so that a prefix scan
 * returns them in archive order.
 */
final class RangeKeys {
    private RangeKeys() {
    }

    /** {@code <list> <first>..<last>}: also the key of mail.digests and mail.digests.text. */
    static String range(Coordinates c) {
        return range(c.getList(), c.getRange());
    }

    /** The key of a list's range, the same as its messages'. */
    static String range(String list, CommitRange r) {
        return list + " " + r.getFirst() + ".." + r.getLast();
    }

    /** The list part of a range key: what mail.digests and mail.digests.text are partitioned by. */
    static String list(String rangeKey) {
        int space = rangeKey.indexOf(' ');
        return space < 0 ? rangeKey : rangeKey.substring(0, space);
    }

    static String message(String rangeKey, int index) {
        // Zero-padded by hand: String.format was a sixth of the aggregator's time in JFR.
        String digits = Integer.toString(index);
        return messagePrefix(rangeKey) + "000000000".substring(Math.min(9, digits.length())) + digits;
    }

    static String messagePrefix(String rangeKey) {
        return rangeKey + "/";
    }
}
