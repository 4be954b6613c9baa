package dev.maildigest.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * One pass of mime4j's token stream over a message: the top-level header fields a digest needs and
 * the text of the body. The body is the first text/plain part (transfer encoding and charset
 * decoded, format=flowed joined); patch attachments (text/x-patch, *.patch, *.diff) are appended
 * to it; HTML-only mail is reduced to text. Attached messages are not opened.
 */
final class MimeReader {
    /** The message is in memory already; mime4j's limits would only refuse odd but readable mail. */
    private static final MimeConfig CONFIG = new MimeConfig.Builder()
            .setMaxLineLen(-1)
            .setMaxHeaderCount(-1)
            .setMaxHeaderLen(-1)
            .setMaxContentLen(-1)
            .setStrictParsing(false)
            .build();

    private MimeReader() {
    }

    /** What the token stream gave: headers always, the body when a text part was found. */
    static final class Content {
        final MailHeaders headers = new MailHeaders();
        String body;
        boolean endOfHeader;
    }

    static Content read(byte[] message, int offset, Problems problems) throws IOException, MimeException {
        Content content = new Content();
        NeededFields fields = new NeededFields();
        MimeTokenStream tokens = new MimeTokenStream(CONFIG, new ProblemMonitor(problems), fields, null);
        tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
        tokens.parse(new ByteArrayInputStream(message, offset, message.length - offset));
        Part part = new Part();
        String html = null;
        int bound = message.length - offset;
        for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
            switch (state) {
                case T_FIELD -> {
                    Field field = tokens.getField();
                    if (!content.endOfHeader) {
                        content.headers.accept(field, problems);
                    }
                    part.accept(field);
                }
                case T_END_HEADER -> {
                    if (!content.endOfHeader) {
                        content.headers.fields += fields.skipped(); // skipped unread, but fields all the same
                    }
                    content.endOfHeader = true;
                }
                case T_START_BODYPART -> part = new Part();
                case T_BODY -> {
                    String mimeType = tokens.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT);
                    boolean patch = part.isPatch(mimeType);
                    if (patch || mimeType.equals("text/plain") && content.body == null) {
                        String text = part.text(tokens, bound, problems);
                        content.body = content.body == null ? text : content.body + "\n" + text;
                    } else if (mimeType.equals("text/html") && html == null && content.body == null) {
                        html = part.text(tokens, bound, problems);
                    }
                }
                default -> {
                }
            }
        }
        if (content.body == null && html != null) {
            problems.add("HTML-only mail, reduced to text");
            content.body = HtmlText.toText(html);
        }
        return content;
    }

    /** The fields of the entity being read that decide how its body is read. */
    private static final class Part {
        private RawField contentType;
        private RawField disposition;
        private RawBody contentTypeBody;

        void accept(Field field) {
            String name = field.getName();
            if (name.length() < 12 || !(field instanceof RawField raw)) {
                return;
            }
            if (name.equalsIgnoreCase("Content-Type")) {
                contentType = raw;
            } else if (name.equalsIgnoreCase("Content-Disposition")) {
                disposition = raw;
            }
        }

        /** A patch sent as an attachment: its diff belongs to the body. */
        boolean isPatch(String mimeType) {
            if (mimeType.equals("text/x-patch") || mimeType.equals("text/x-diff") || mimeType.equals("application/x-patch")) {
                return true;
            }
            if (disposition == null) {
                return false;
            }
            String file = parameter(disposition, "filename");
            if (file == null && contentType != null) {
                file = parameter(contentType, "name");
            }
            file = file == null ? "" : file.toLowerCase(Locale.ROOT);
            return mimeType.startsWith("text/") && (file.endsWith(".patch") || file.endsWith(".diff"));
        }

        /** @param bound no part decodes to more bytes than the message has */
        String text(MimeTokenStream tokens, int bound, Problems problems) throws IOException {
            InputStream in = tokens.getDecodedInputStream();
            byte[] bytes = new byte[Math.max(bound, 64)];
            int length = 0;
            for (int read; (read = in.read(bytes, length, bytes.length - length)) > 0; ) {
                length += read;
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, bytes.length * 2);
                }
            }
            if (contentType != null) {
                contentTypeBody = RawFieldParser.DEFAULT.parseRawBody(contentType);
            }
            String text = TextDecoder.body(bytes, length, parameter(contentTypeBody, "charset"), problems);
            if ("flowed".equalsIgnoreCase(parameter(contentTypeBody, "format"))) {
                text = FlowedText.unflow(text, "yes".equalsIgnoreCase(parameter(contentTypeBody, "delsp")));
            }
            return text;
        }

        private static String parameter(RawField field, String name) {
            return field == null ? null : parameter(RawFieldParser.DEFAULT.parseRawBody(field), name);
        }

        private static String parameter(RawBody body, String name) {
            if (body == null) {
                return null;
            }
            for (NameValuePair p : body.getParams()) {
                if (p.getName().equalsIgnoreCase(name)) {
                    return p.getValue();
                }
            }
            return null;
        }
    }

    /** mime4j's warnings (truncated parts, bad base64...) become problems; parsing goes on. */
    private static final class ProblemMonitor extends DecodeMonitor {
        private final Problems problems;

        ProblemMonitor(Problems problems) {
            this.problems = problems;
        }

        @Override
        public boolean warn(String message, String action) {
            // Archives store mail with LF line ends; quoted-printable decoding notices, harmlessly.
            if (!message.contains("LF without CR") && !message.contains("non-standard soft line break")) {
                problems.add("MIME: " + message);
            }
            return false;
        }

        @Override
        public boolean isListening() {
            return true;
        }
    }
}
