package dev.maildigest.parse;

/**
 * The header lines at the very top of a body. For a patch they are what git send-email writes
 * when the author is not the sender ({@code From:}, {@code Subject:}, {@code Date:}) and override
 * the mail headers, as git am reads them, blank line after them or not.
 *
 * <p>At the top of a reply the same lines are an attribution of the quoted text: Outlook's
 * {@code From:} / {@code Sent:} block, the {@code From:} / {@code Date:} lines some clients put
 * before the {@code >} quote, a forwarded message's header. {@link #attribution} tells them apart
 * where the lines themselves can; a reply's author is its sender in any case.
 */
final class InBodyHeaders {
    private static final String[] NAMES = {"From", "Subject", "Date", "Sent", "To", "Cc"};

    String from;
    String subject;
    String date;
    /** First line of the text after them (0 when there were none). */
    int textStart;
    /**
     * The lines quote someone rather than name a patch's author: a {@code Sent:}, {@code To:} or
     * {@code Cc:} line among them (a mail client's header block), or quoted text right after them.
     */
    boolean attribution;

    static InBodyHeaders read(BodyLines lines) {
        InBodyHeaders found = new InBodyHeaders();
        int i = 0;
        while (lines.has(i) && lines.isBlank(i)) {
            i++;
        }
        boolean any = false;
        while (lines.has(i)) {
            String name = headerName(lines, i);
            if (name == null || found.from == null && isMailClientOnly(name)) {
                break; // "To: make this work..." opening a commit message is text
            }
            StringBuilder value = new StringBuilder(lines.text.substring(lines.start(i) + name.length() + 1, lines.end(i)).strip());
            i++;
            while (lines.has(i) && lines.length(i) > 0 && (lines.first(i) == ' ' || lines.first(i) == '\t')) {
                value.append(' ').append(lines.line(i).strip());
                i++;
            }
            String v = value.toString();
            switch (Character.toUpperCase(name.charAt(0))) {
                case 'F' -> found.from = found.from == null ? v : found.from;
                case 'D' -> found.date = found.date == null ? v : found.date;
                case 'S' -> {
                    if (name.length() == 4) {
                        found.attribution = true; // Sent:
                    } else {
                        found.subject = found.subject == null ? v : found.subject;
                    }
                }
                default -> found.attribution = true; // To:, Cc:
            }
            any = true;
        }
        if (any) {
            if (lines.has(i) && lines.isBlank(i)) {
                i++;
            }
            found.textStart = i;
            if (lines.has(i) && lines.first(i) == '>') {
                found.attribution = true;
            }
        }
        return found;
    }

    private static boolean isMailClientOnly(String name) {
        return name.equalsIgnoreCase("Sent") || name.equalsIgnoreCase("To") || name.equalsIgnoreCase("Cc");
    }

    /** One of {@link #NAMES} as written when the line starts with it and a colon. */
    private static String headerName(BodyLines lines, int i) {
        for (String name : NAMES) {
            int len = name.length();
            if (lines.length(i) > len && lines.text.regionMatches(true, lines.start(i), name, 0, len)
                    && lines.text.charAt(lines.start(i) + len) == ':') {
                return lines.text.substring(lines.start(i), lines.start(i) + len);
            }
        }
        return null;
    }
}
