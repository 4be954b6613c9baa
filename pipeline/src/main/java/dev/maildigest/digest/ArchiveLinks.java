package dev.maildigest.digest;

import java.nio.charset.StandardCharsets;

/**
 * Web addresses of messages in a public-inbox archive: {@code <archive>/<message-id>/}, as
 * lore.kernel.org serves them. Only http(s) archives get links, so that a configured value can
 * never become a script link in a page.
 */
public final class ArchiveLinks {
    private ArchiveLinks() {
    }

    /** The message's page, or null when the archive URL or the Message-ID is unknown. */
    public static String messageUrl(String archiveUrl, String messageId) {
        String base = webAddress(archiveUrl);
        if (base == null || messageId == null) {
            return null;
        }
        String id = messageId.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        if (id.isEmpty()) {
            return null;
        }
        return base + "/" + encodeSegment(id) + "/";
    }

    /** The archive's address without trailing slashes, or null when it is not an http(s) address. */
    public static String webAddress(String archiveUrl) {
        if (archiveUrl == null) {
            return null;
        }
        String base = archiveUrl.strip();
        if (!base.startsWith("https://") && !base.startsWith("http://") || base.matches(".*[\\s<>\"()].*")) {
            return null;
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    /**
     * Percent-encodes one path segment (RFC 3986 pchar), also encoding parentheses so that the
     * address can stand in a Markdown link as it is. A segment of dots alone ("." or "..", a
     * Message-ID can be anything) is encoded too, so that it never climbs the path.
     */
    public static String encodeSegment(String segment) {
        if (segment.equals(".") || segment.equals("..")) {
            return segment.replace(".", "%2E");
        }
        StringBuilder out = new StringBuilder(segment.length() + 8);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isAllowed(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isAllowed(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'*+,;=:@".indexOf(c) >= 0;
    }
}
