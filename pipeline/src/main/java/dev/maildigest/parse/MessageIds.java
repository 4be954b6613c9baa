package dev.maildigest.parse;

/** Message-ID, In-Reply-To and References values: ids are written between angle brackets. */
final class MessageIds {
    private MessageIds() {
    }

    /** The first id of the value, without brackets; a bare value when it has no brackets at all. */
    static String first(String value) {
        if (value == null) {
            return null;
        }
        int open = value.indexOf('<');
        if (open >= 0) {
            int close = value.indexOf('>', open + 1);
            String id = (close > open ? value.substring(open + 1, close) : value.substring(open + 1)).strip();
            return id.isEmpty() ? null : removeSpaces(id);
        }
        String bare = value.strip();
        int space = bare.indexOf(' ');
        if (space > 0) {
            bare = bare.substring(0, space);
        }
        return bare.isEmpty() ? null : bare;
    }

    // Some mailers fold long ids; the id itself has no spaces.
    private static String removeSpaces(String id) {
        return id.indexOf(' ') < 0 && id.indexOf('\t') < 0 ? id : id.replace(" ", "").replace("\t", "");
    }
}
