package dev.maildigest.parse;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * The top-level header fields a digest needs, each unfolded and with raw 8-bit bytes decoded; other
 * fields are skipped unread. Single fields keep their first occurrence, To and Cc add up.
 */
final class MailHeaders {
    String from;
    String subject;
    String date;
    String messageId;
    String inReplyTo;
    String references;
    String listId;
    String replyTo;
    String originalFrom;
    int fields;

    void accept(Field field, Problems problems) {
        fields++;
        String name = field.getName();
        // Most fields of list mail are Received, X-*, DKIM and List-* noise: dispatch on length first.
        switch (name.length()) {
            case 4 -> {
                if (name.equalsIgnoreCase("From")) {
                    from = first(from, field, problems);
                } else if (name.equalsIgnoreCase("Date")) {
                    date = first(date, field, problems);
                }
            }
            case 7 -> {
                if (name.equalsIgnoreCase("Subject")) {
                    subject = first(subject, field, problems);
                } else if (name.equalsIgnoreCase("List-Id")) {
                    listId = first(listId, field, problems);
                }
            }
            case 8 -> {
                if (name.equalsIgnoreCase("Reply-To")) {
                    replyTo = first(replyTo, field, problems);
                }
            }
            case 15 -> {
                if (name.equalsIgnoreCase("X-Original-From")) {
                    originalFrom = first(originalFrom, field, problems);
                }
            }
            case 10 -> {
                if (name.equalsIgnoreCase("Message-ID")) {
                    messageId = first(messageId, field, problems);
                } else if (name.equalsIgnoreCase("References")) {
                    references = first(references, field, problems);
                }
            }
            case 11 -> {
                if (name.equalsIgnoreCase("In-Reply-To")) {
                    inReplyTo = first(inReplyTo, field, problems);
                }
            }
            default -> {
            }
        }
    }

    private static String first(String current, Field field, Problems problems) {
        return current != null ? current : value(field, problems);
    }

    /** The field's value unfolded, 8-bit bytes decoded; RFC 2047 words are left for the caller. */
    static String value(Field field, Problems problems) {
        ByteSequence raw = field.getRaw();
        if (raw == null || !(field instanceof RawField rawField)) {
            String body = field.getBody();
            return body == null ? "" : body.trim();
        }
        byte[] bytes = raw.toByteArray();
        int offset = rawField.getDelimiterIdx() + 1;
        if (offset <= 0 || offset > bytes.length) {
            return "";
        }
        return MimeUtil.unfold(TextDecoder.header(bytes, offset, bytes.length - offset, problems)).trim();
    }

    /** Unstructured text such as a subject: RFC 2047 words decoded, whitespace runs collapsed. */
    static String text(String value) {
        if (value == null) {
            return null;
        }
        String decoded = value.contains("=?") ? DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT) : value;
        return collapseWhitespace(decoded);
    }

    static String collapseWhitespace(String s) {
        int n = s.length();
        boolean clean = true;
        for (int i = 0; i < n && clean; i++) {
            char c = s.charAt(i);
            if (c < ' ' || (c == ' ' && (i == 0 || i == n - 1 || s.charAt(i + 1) == ' '))) {
                clean = false;
            }
        }
        if (clean) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n);
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                space = sb.length() > 0;
            } else if (c < ' ') {
                // other control characters (NUL...) carry nothing a reader can see
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
