package dev.maildigest.parse;

/**
 * The {@code From:}, {@code Subject:} and {@code Date:} lines git send-email writes at the top of
 * the body when the author is not the sender; they override the mail headers, as git am does.
 */
final class InBodyHeaders {
    String from;
    String subject;
    String date;
    /** First line of the text after them (0 when there were none). */
    int textStart;

    static InBodyHeaders read(BodyLines lines) {
        InBodyHeaders found = new InBodyHeaders();
        int i = 0;
        while (lines.has(i) && lines.isBlank(i)) {
            i++;
        }
        boolean any = false;
        while (lines.has(i)) {
            String name = headerName(lines, i);
            if (name == null) {
                break;
            }
            StringBuilder value = new StringBuilder(lines.text.substring(lines.start(i) + name.length() + 1, lines.end(i)).strip());
            i++;
            while (lines.has(i) && lines.length(i) > 0 && (lines.first(i) == ' ' || lines.first(i) == '\t')) {
                value.append(' ').append(lines.line(i).strip());
                i++;
            }
            String v = value.toString();
            switch (name.charAt(0)) {
                case 'F', 'f' -> found.from = found.from == null ? v : found.from;
                case 'S', 's' -> found.subject = found.subject == null ? v : found.subject;
                default -> found.date = found.date == null ? v : found.date;
            }
            any = true;
        }
        if (any) {
            if (lines.has(i) && lines.isBlank(i)) {
                i++;
            }
            found.textStart = i;
        }
        return found;
    }

    /** "From", "Subject" or "Date" as written when the line starts with one of them and a colon. */
    private static String headerName(BodyLines lines, int i) {
        for (String name : new String[] {"From", "Subject", "Date"}) {
            int len = name.length();
            if (lines.length(i) > len && lines.text.regionMatches(true, lines.start(i), name, 0, len)
                    && lines.text.charAt(lines.start(i) + len) == ':') {
                return lines.text.substring(lines.start(i), lines.start(i) + len);
            }
        }
        return null;
    }
}
