package dev.maildigest.parse;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.DefaultFieldBuilder;
import org.apache.james.mime4j.stream.FieldBuilder;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.RecycledByteArrayBuffer;

/**
 * mime4j's field builder, told to skip the fields nobody reads. List mail carries dozens of header
 * fields (Received, DKIM and ARC signatures, X-*), and mime4j turned each into a named field, its
 * name lower-cased for the body descriptor: half of the parser's time. A field returned as null is
 * skipped by mime4j's token stream (its entity reader moves on to the next field; the header
 * tests would fail if it stopped doing so), so only the fields {@link MailHeaders} reads and the
 * Content-* and MIME-Version fields that decide how a body is read are built. A line that is not a
 * plain {@code name:} field still goes to mime4j, which reports it as it always did.
 */
final class NeededFields implements FieldBuilder {
    /** Lower case, as compared. Content-* fields are kept by prefix. */
    private static final String[] NAMES = {
        "from", "date", "subject", "list-id", "reply-to", "x-original-from", "message-id", "references", "in-reply-to",
        "mime-version",
    };
    private static final String CONTENT = "content-";

    private final DefaultFieldBuilder fields = new DefaultFieldBuilder(-1);
    private int skipped;

    /** How many fields were skipped so far (all entities together). */
    int skipped() {
        return skipped;
    }

    @Override
    public void reset() {
        fields.reset();
    }

    @Override
    public void append(ByteArrayBuffer line) throws MimeException {
        fields.append(line);
    }

    @Override
    public RawField build() throws MimeException {
        RecycledByteArrayBuffer raw = fields.getRaw();
        int colon = nameEnd(raw);
        if (colon >= 0 && !needed(raw, colon)) {
            skipped++;
            return null;
        }
        return fields.build();
    }

    @Override
    public RecycledByteArrayBuffer getRaw() {
        return fields.getRaw();
    }

    @Override
    public void release() {
        fields.release();
    }

    /**
     * Where the name ends (before the colon and any blanks), or -1 when the line is not a plain
     * {@code name:} field, for mime4j to judge and report as it always did.
     */
    private static int nameEnd(RecycledByteArrayBuffer raw) {
        int end = -1;
        for (int i = 0; i < raw.length(); i++) {
            int b = raw.byteAt(i) & 0xff;
            if (b == ':') {
                int nameEnd = end < 0 ? i : end;
                return nameEnd > 0 ? nameEnd : -1;
            }
            if (b == ' ' || b == '\t') {
                end = end < 0 ? i : end;
            } else if (end >= 0 || b < 33 || b > 126) {
                return -1; // a blank inside the name, or a byte no name has
            }
        }
        return -1;
    }

    static boolean needed(RecycledByteArrayBuffer raw, int nameLength) {
        if (nameLength > CONTENT.length() && startsWith(raw, CONTENT)) {
            return true;
        }
        for (String name : NAMES) {
            if (name.length() == nameLength && startsWith(raw, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(RecycledByteArrayBuffer raw, String lowerCase) {
        for (int i = 0; i < lowerCase.length(); i++) {
            int b = raw.byteAt(i);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
