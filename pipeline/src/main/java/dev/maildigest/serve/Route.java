package dev.maildigest.serve;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.maildigest.digest.DigestFormat;

/**
 * The pages a request path can name, parsed from the raw (still percent-encoded) path. Anything
 * else is no page: there are no files behind these paths, only store keys, and a list segment that
 * decodes to a dot segment, a slash or a control character is refused before any lookup.
 *
 * <pre>
 *   /                                   the lists followed
 *   /-/lists.json                       this instance's lists, for the other instances' front pages
 *   /&lt;list&gt;/                             the list's digests, newest first (?before=CURSOR: older ones)
 *   /&lt;list&gt;/atom.xml                     Atom feed of the newest digests
 *   /&lt;list&gt;/&lt;first8&gt;..&lt;last8&gt;/           one digest, HTML
 *   /&lt;list&gt;/&lt;first8&gt;..&lt;last8&gt;.txt|md|json the same digest in another format
 * </pre>
 */
record Route(Kind kind, String list, String first, String last, DigestFormat format) {
    enum Kind { HOME, LISTS_JSON, LIST_REDIRECT, INDEX, FEED, DIGEST }

    static final String LISTS_JSON_PATH = "/-/lists.json";

    private static final String SEGMENT = "([A-Za-z0-9._~!$&'*+,;=:@%-]{1,200})";
    private static final String HEX = "([0-9A-Za-z]{1,40})";
    private static final Pattern LIST = Pattern.compile("/" + SEGMENT + "(/?)");
    private static final Pattern FEED = Pattern.compile("/" + SEGMENT + "/atom\\.xml");
    private static final Pattern DIGEST = Pattern.compile("/" + SEGMENT + "/" + HEX + "\\.\\." + HEX + "(/|\\.txt|\\.md|\\.json|\\.html)");

    /** The route of a raw request path, or null when the path names no page. */
    static Route parse(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return new Route(Kind.HOME, null, null, null, null);
        }
        if (rawPath.equals(LISTS_JSON_PATH)) {
            return new Route(Kind.LISTS_JSON, null, null, null, null);
        }
        Matcher m = LIST.matcher(rawPath);
        if (m.matches()) {
            return list(m.group(1), m.group(2).isEmpty() ? Kind.LIST_REDIRECT : Kind.INDEX, null, null, null);
        }
        m = FEED.matcher(rawPath);
        if (m.matches()) {
            return list(m.group(1), Kind.FEED, null, null, null);
        }
        m = DIGEST.matcher(rawPath);
        if (m.matches()) {
            DigestFormat format = switch (m.group(4)) {
                case ".txt" -> DigestFormat.TEXT;
                case ".md" -> DigestFormat.MARKDOWN;
                case ".json" -> DigestFormat.JSON;
                default -> DigestFormat.HTML;
            };
            return list(m.group(1), Kind.DIGEST, m.group(2), m.group(3), format);
        }
        return null;
    }

    private static Route list(String rawSegment, Kind kind, String first, String last, DigestFormat format) {
        String list = decode(rawSegment);
        if (list == null || list.equals(".") || list.equals("..") || list.equals("-")
                || list.chars().anyMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c))) {
            return null;
        }
        return new Route(kind, list, first, last, format);
    }

    /** Percent-decoding as UTF-8; null for a malformed escape or bytes that are not UTF-8. */
    static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            if (i + 2 >= raw.length()) {
                return null;
            }
            int hi = Character.digit(raw.charAt(i + 1), 16);
            int lo = Character.digit(raw.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            bytes.write(hi << 4 | lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
