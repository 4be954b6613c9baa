package dev.maildigest.parse;

import java.util.Locale;

/**
 * HTML-only mail reduced to plain text: tags dropped, block ends as line breaks, the usual entities
 * decoded, style, script and head left out. Enough to read who wrote what; layout is not kept.
 */
final class HtmlText {
    private HtmlText() {
    }

    static String toText(String html) {
        StringBuilder out = new StringBuilder(html.length() / 2);
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<' && html.startsWith("<!--", i)) {
                int end = html.indexOf("-->", i + 4);
                i = end < 0 ? n : end + 3;
            } else if (c == '<') {
                int close = html.indexOf('>', i + 1);
                if (close < 0) {
                    break;
                }
                String tag = tagName(html, i + 1, close);
                if (tag.equals("style") || tag.equals("script") || tag.equals("head") || tag.equals("title")) {
                    int end = indexOfIgnoreCase(html, "</" + tag, close + 1);
                    int gt = end < 0 ? -1 : html.indexOf('>', end);
                    i = gt < 0 ? n : gt + 1;
                    continue;
                } else if (tag.equals("br") || tag.equals("p") || tag.equals("/p") || tag.equals("div") || tag.equals("/div")
                        || tag.equals("tr") || tag.equals("li") || tag.equals("blockquote") || tag.equals("/blockquote")
                        || tag.equals("pre") || tag.equals("/pre") || tag.startsWith("h") && tag.length() == 2) {
                    out.append('\n');
                }
                i = close + 1;
            } else if (c == '&') {
                int semi = html.indexOf(';', i + 1);
                String decoded = semi > i && semi - i <= 10 ? entity(html.substring(i + 1, semi)) : null;
                if (decoded != null) {
                    out.append(decoded);
                    i = semi + 1;
                } else {
                    out.append(c);
                    i++;
                }
            } else if (c == '\r') {
                i++;
            } else if (c == '\n' || c == '\t') {
                // Source line breaks are not text line breaks in HTML.
                out.append(' ');
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return tidy(out);
    }

    private static String tagName(String html, int from, int to) {
        int end = from;
        if (end < to && html.charAt(end) == '/') {
            end++;
        }
        while (end < to && !Character.isWhitespace(html.charAt(end)) && html.charAt(end) != '/') {
            end++;
        }
        return html.substring(from, end).toLowerCase(Locale.ROOT);
    }

    private static int indexOfIgnoreCase(String s, String what, int from) {
        for (int i = from; i <= s.length() - what.length(); i++) {
            if (s.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return -1;
    }

    private static String entity(String name) {
        if (name.startsWith("#")) {
            try {
                int code = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(code) && code != 0 ? new String(Character.toChars(code)) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return switch (name) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> null;
        };
    }

    /** Spaces at line ends and runs of blank lines removed. */
    private static String tidy(StringBuilder text) {
        StringBuilder out = new StringBuilder(text.length());
        int blank = 0;
        for (String line : text.toString().split("\n", -1)) {
            String trimmed = MailHeaders.collapseWhitespace(line);
            if (trimmed.isEmpty()) {
                blank++;
                continue;
            }
            if (out.length() > 0) {
                out.append(blank > 0 ? "\n\n" : "\n");
            }
            blank = 0;
            out.append(trimmed);
        }
        return out.append('\n').toString();
    }
}
