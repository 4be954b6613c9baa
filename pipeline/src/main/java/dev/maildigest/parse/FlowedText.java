package dev.maildigest.parse;

/**
 * RFC 3676 format=flowed: a line ending in a space continues on the next line of the same quote
 * depth; a leading space added by the sender ("space-stuffing") is removed.
 */
final class FlowedText {
    private FlowedText() {
    }

    static String unflow(String text, boolean delSp) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        int pos = 0;
        int paragraphDepth = -1;
        while (pos <= n) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? n : nl;
            int lineEnd = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (nl < 0 && pos == n) {
                break;
            }
            int depth = 0;
            int start = pos;
            while (start < lineEnd && text.charAt(start) == '>') {
                depth++;
                start++;
            }
            if (start < lineEnd && text.charAt(start) == ' ') {
                start++;
            }
            boolean signature = lineEnd - start == 3 && text.startsWith("-- ", start);
            boolean soft = !signature && lineEnd > start && text.charAt(lineEnd - 1) == ' ';
            if (paragraphDepth >= 0 && depth != paragraphDepth) {
                // A quote depth change ends a flowed paragraph even without a hard break.
                out.append('\n');
                paragraphDepth = -1;
            }
            if (paragraphDepth < 0) {
                for (int q = 0; q < depth; q++) {
                    out.append('>');
                }
                if (depth > 0) {
                    out.append(' ');
                }
            }
            out.append(text, start, soft && delSp ? lineEnd - 1 : lineEnd);
            if (soft) {
                paragraphDepth = depth;
            } else {
                paragraphDepth = -1;
                if (nl >= 0) {
                    out.append('\n');
                }
            }
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
        }
        return out.toString();
    }
}
