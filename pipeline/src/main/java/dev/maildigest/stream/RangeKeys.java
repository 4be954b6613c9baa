package dev.maildigest.stream;

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
        return c.getList() + " " + c.getRange().getFirst() + ".." + c.getRange().getLast();
    }

    static String message(String rangeKey, int index) {
        return messagePrefix(rangeKey) + String.format("%09d", index);
    }

    static String messagePrefix(String rangeKey) {
        return rangeKey + "/";
    }
}
