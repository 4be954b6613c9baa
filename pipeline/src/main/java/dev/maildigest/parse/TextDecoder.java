package dev.maildigest.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.james.mime4j.util.CharsetUtil;

/**
 * Bytes to text under a declared charset that may be missing, unknown or wrong. Never fails: text
 * that is not what its label says is read as UTF-8 when it is valid UTF-8, else as windows-1252
 * (which maps every byte), and the workaround is noted.
 *
 * <p>UTF-8 is tried first through {@code new String(bytes, UTF_8)}, whose ASCII fast path is what
 * almost all list mail takes; a replacement character in the result sends the text to a strict
 * check.
 */
final class TextDecoder {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final char REPLACEMENT = '\uFFFD';

    private TextDecoder() {
    }

    /** Header bytes: RFC 6532 allows raw UTF-8; older mailers send raw Latin-1. */
    static String header(byte[] bytes, int offset, int length, Problems problems) {
        String utf8 = utf8(bytes, offset, length);
        if (utf8 != null) {
            return utf8;
        }
        problems.add("header with 8-bit bytes that are not UTF-8, read as windows-1252");
        return new String(bytes, offset, length, WINDOWS_1252);
    }

    /** The first {@code length} bytes of a body part under its declared charset (null when none was declared). */
    static String body(byte[] bytes, int length, String declared, Problems problems) {
        Charset charset = declared == null ? null : lookup(declared);
        if (declared != null && charset == null) {
            problems.add("unknown charset " + printable(declared) + ", read as UTF-8 or windows-1252");
        }
        boolean utf8Family = charset == null || charset == StandardCharsets.UTF_8 || charset == StandardCharsets.US_ASCII;
        boolean latin = charset == StandardCharsets.ISO_8859_1 || WINDOWS_1252.equals(charset);
        if (utf8Family || latin) {
            String utf8 = utf8(bytes, 0, length);
            boolean eightBit = utf8 != null && utf8.length() != length;
            if (utf8 != null && (!eightBit || charset == StandardCharsets.UTF_8)) {
                return utf8;
            }
            String label = declared == null ? "8-bit text without a charset" : "8-bit text declared " + printable(declared);
            if (utf8 != null) {
                // Valid multi-byte UTF-8 is almost never accidental in Latin-1 text: a mislabel.
                problems.add(label + ", read as UTF-8");
                return utf8;
            }
            if (latin) {
                return new String(bytes, 0, length, charset);
            }
            problems.add((charset == StandardCharsets.UTF_8 ? "invalid UTF-8" : label) + ", read as windows-1252");
            return new String(bytes, 0, length, WINDOWS_1252);
        }
        String text = strict(charset, bytes, 0, length);
        if (text != null) {
            return text;
        }
        problems.add("text not valid in its charset " + printable(declared) + ", bad bytes replaced");
        return new String(bytes, 0, length, charset);
    }

    /** The bytes as UTF-8, or null when they are not valid UTF-8. */
    private static String utf8(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        if (text.indexOf(REPLACEMENT) < 0) {
            return text;
        }
        // The replacement character may have been in the bytes themselves.
        return strict(StandardCharsets.UTF_8, bytes, offset, length);
    }

    /** The charset of a MIME label, aliases included; null when Java does not know it. */
    static Charset lookup(String label) {
        String name = label.strip();
        if (name.length() >= 2 && name.charAt(0) == '"' && name.charAt(name.length() - 1) == '"') {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equalsIgnoreCase("utf-8") || name.equalsIgnoreCase("utf8")) {
            return StandardCharsets.UTF_8;
        }
        if (name.equalsIgnoreCase("us-ascii") || name.equalsIgnoreCase("ascii")) {
            return StandardCharsets.US_ASCII;
        }
        if (name.equalsIgnoreCase("iso-8859-1") || name.equalsIgnoreCase("latin1")) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            return CharsetUtil.lookup(name.toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String strict(Charset charset, byte[] bytes, int offset, int length) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Whether bytes from {@code offset} on are only whitespace. */
    static boolean isBlank(byte[] bytes, int offset) {
        for (int i = offset; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** A label from the message, safe to put in a one-line reason. */
    static String printable(String label) {
        String cut = label.length() > 60 ? label.substring(0, 60) + "..." : label;
        StringBuilder sb = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
