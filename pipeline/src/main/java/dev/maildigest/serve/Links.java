package dev.maildigest.serve;

import dev.maildigest.digest.ArchiveLinks;

/** Addresses of the served pages (absolute paths, path segments percent-encoded). */
final class Links {
    private Links() {
    }

    static String list(String list) {
        return "/" + ArchiveLinks.encodeSegment(list) + "/";
    }

    static String feed(String list) {
        return list(list) + "atom.xml";
    }

    static String digest(String list, String range) {
        return list(list) + range + "/";
    }

    /** {@code /<list>/<first8>..<last8>.<ext>} */
    static String digestAs(String list, String range, String extension) {
        return list(list) + range + "." + extension;
    }

    static String olderThan(String list, String cursor) {
        return list(list) + "?before=" + cursor;
    }
}
