package dev.maildigest.parse;

import java.util.List;

import dev.maildigest.avro.Trailer;

/**
 * Trailer lines ({@code Reviewed-by: Jane Doe <jane@example.org>}) of the trailer names the digest
 * counts, with the person they name. Lines quoted with {@code >} are someone else's words.
 */
final class TrailerParser {
    /** A mail with more trailers than this is not a patch review. */
    static final int MAX_TRAILERS = 500;

    private static final String[] NAMES = {
        "Signed-off-by", "Reviewed-by", "Acked-by", "Tested-by", "Reported-by", "Suggested-by",
        "Co-developed-by", "Fixes", "Link", "Cc"};
    private TrailerParser() {
    }

    /**
     * Adds the trailers of lines [from, to) to {@code out}.
     *
     * @param reply  whether the text is a reply: quoted lines are skipped, and an original quoted
     *               without {@code >} marks ("-----Original Message-----", or Outlook's "From: ..."
     *               header block) ends the reply's own words
     */
    static void collect(BodyLines lines, int from, int to, boolean reply, List<Trailer> out) {
        for (int i = from; i < to && out.size() < MAX_TRAILERS; i++) {
            char c = lines.first(i);
            if (reply && (c == '-' && lines.startsWith(i, "-----Original Message-----") || c == 'F' && lines.startsWith(i, "From: "))) {
                return;
            }
            if (!isNameStart(c)) {
                continue;
            }
            Trailer trailer = trailer(lines, i);
            if (trailer != null) {
                out.add(trailer);
            }
        }
    }

    /** The trailer name as the digest spells it, whatever the case written; null when not one of ours. */
    private static String canonical(String text, int start, int length) {
        for (String name : NAMES) {
            if (name.length() == length && text.regionMatches(true, start, name, 0, length)) {
                return name;
            }
        }
        return null;
    }

    private static boolean isNameStart(char c) {
        return switch (c) {
            case 'S', 'R', 'A', 'T', 'C', 'F', 'L', 's', 'r', 'a', 't', 'c', 'f', 'l' -> true;
            default -> false;
        };
    }

    private static Trailer trailer(BodyLines lines, int i) {
        int start = lines.start(i);
        int end = lines.end(i);
        String t = lines.text;
        int colon = -1;
        for (int p = start; p < end && p - start <= 16; p++) {
            char c = t.charAt(p);
            if (c == ':') {
                colon = p;
                break;
            }
            if (!(Character.isLetter(c) || c == '-')) {
                return null;
            }
        }
        if (colon < 0) {
            return null;
        }
        String name = canonical(t, start, colon - start);
        if (name == null) {
            return null;
        }
        String value = t.substring(colon + 1, end).strip();
        if (value.isEmpty()) {
            return null;
        }
        boolean namesPerson = !name.equals("Fixes") && !name.equals("Link");
        return new Trailer(name, value, namesPerson ? Identities.parse(value) : null);
    }
}
