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
        boolean ownText = false;
        for (int i = from; i < to && out.size() < MAX_TRAILERS; i++) {
            if (reply && ReplyText.endsOwnText(lines, i, ownText)) {
                return;
            }
            char c = lines.first(i);
            if (c != '>' && c != '\n') {
                ownText = true;
            }
            if (!isNameStart(c)) {
                continue;
            }
            Trailer trailer = trailer(lines, i, to);
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

    private static Trailer trailer(BodyLines lines, int i, int to) {
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
        return switch (name) {
            case "Fixes" -> isCommitReference(value) ? new Trailer(name, value, null) : null;
            case "Link" -> value.contains("://") || value.startsWith("<") ? new Trailer(name, value, null) : null;
            default -> person(name, wrapped(lines, i, to, value));
        };
    }

    /** A person trailer names someone: letters at least ("Acked-by: ?" is a question). */
    private static Trailer person(String name, String value) {
        for (int p = 0; p < value.length(); p++) {
            if (Character.isLetter(value.charAt(p))) {
                return new Trailer(name, value, Identities.parse(value));
            }
        }
        return null;
    }

    /**
     * The value joined with the next line when a mailer wrapped its address there:
     * "Name &lt;jane@" / "example.org&gt;", or "Long Name" / "&lt;jane@example.org&gt;".
     */
    private static String wrapped(BodyLines lines, int i, int to, String value) {
        int open = value.indexOf('<');
        boolean cut = open >= 0 ? value.indexOf('>', open) < 0 : value.indexOf('@') < 0;
        if (!cut || i + 1 >= to || !lines.has(i + 1) || lines.isBlank(i + 1)) {
            return value;
        }
        String next = lines.line(i + 1).strip();
        if (open >= 0 ? next.indexOf('>') > 0 && next.indexOf('<') < 0 : next.startsWith("<") && next.indexOf('>') > 0) {
            return value + (open >= 0 ? "" : " ") + next; // an address has no spaces
        }
        return value;
    }

    /** "Fixes: 0123456789ab (...)": at least 7 hex digits; "Fixes: ?" or "Fixes: the race" is prose. */
    private static boolean isCommitReference(String value) {
        int hex = 0;
        while (hex < value.length() && Character.digit(value.charAt(hex), 16) >= 0) {
            hex++;
        }
        return hex >= 7 && (hex == value.length() || !Character.isLetterOrDigit(value.charAt(hex)));
    }
}
