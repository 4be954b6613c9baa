package dev.maildigest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.maildigest.avro.SubjectTags;

/**
 * Reads the front of a subject: reply and forward prefixes ({@code Re:}, {@code AW:}, repeated) and
 * bracket tags ({@code [PATCH v3 01/17]}, {@code [RFC PATCH net-next 2/3]}, {@code [GIT PULL]},
 * {@code [PATCH] [v2]}), in any order, up to the first word that is neither; and a version the
 * author put at the end ({@code foo (v2)}).
 *
 * <p>Tag words are read the way lists write them, not only the way git format-patch does: keywords,
 * versions and markers glued together or to a dash ({@code PATCHv2}, {@code PATCH1/8},
 * {@code v2PATCH1/4}, {@code RFC-PATCH}), Mercurial's {@code 1 of 2}, dotted versions ({@code v5.5}:
 * version 5, the form kept as a label). The pieces of a marker never become labels.
 */
final class SubjectParser {
    /** Reply and forward markers of common mailers, lower-case, without the colon. */
    private static final Set<String> REPLY_WORDS = Set.of(
            "re", "fw", "fwd", "aw", "sv", "vs", "antw", "wg", "tr", "rif", "odp", "ynt",
            "回复", "回覆", "答复", "转发");

    private SubjectParser() {
    }

    /**
     * @param tagged whether the subject had at least one bracket tag
     * @param marker whether a bracket tag held a series marker ({@code n/N}), a version or RFC: with
     *               a diff, such a mail is a patch even without the word PATCH
     */
    record Subject(SubjectTags tags, String clean, boolean tagged, boolean marker) {
    }



    static Subject parse(String subject) {
        Reading r = new Reading();
        String s = subject == null ? "" : subject;
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i < n && s.charAt(i) == '[') {
                int close = s.indexOf(']', i + 1);
                if (close < 0) {
                    break;
                }
                r.tag(s.substring(i + 1, close));
                i = close + 1;
                continue;
            }
            int afterPrefix = replyPrefixEnd(s, i);
            if (afterPrefix < 0) {
                break;
            }
            r.reply = true;
            i = afterPrefix;
        }
        r.settleVersion();
        String clean = s.substring(i).strip();
        int trailing = trailingVersion(clean);
        if (trailing > 0) {
            if (r.version == null) {
                r.version = Integer.parseInt(clean, trailing + 2, clean.length() - 1, 10);
            }
            clean = clean.substring(0, trailing).stripTrailing();
        }
        SubjectTags tags = SubjectTags.newBuilder()
                .setReply(r.reply).setPatch(r.patch).setRfc(r.rfc).setResend(r.resend).setPull(r.pull)
                .setVersion(r.version).setNumber(r.number).setTotal(r.total).setLabels(r.labels)
                .build();
        return new Subject(tags, clean, r.tagged, r.marker);
    }

    /** Where "(v2)" starts at the end of a subject, after some text; -1 when it does not end so. */
    private static int trailingVersion(String clean) {
        int n = clean.length();
        if (n < 5 || clean.charAt(n - 1) != ')') {
            return -1;
        }
        int open = n - 2;
        while (open > 0 && clean.charAt(open) >= '0' && clean.charAt(open) <= '9') {
            open--;
        }
        int digits = n - 2 - open;
        if (digits < 1 || digits > 4 || open < 2 || (clean.charAt(open) != 'v' && clean.charAt(open) != 'V')
                || clean.charAt(open - 1) != '(' || clean.charAt(open - 2) != ' ') {
            return -1;
        }
        return open - 1;
    }

    /** Where the text continues after a reply prefix at {@code i} ("Re:", "AW:", "Re[2]:"), or -1. */
    private static int replyPrefixEnd(String s, int i) {
        int n = s.length();
        int end = i;
        while (end < n && end - i < 5 && Character.isLetter(s.charAt(end))) {
            end++;
        }
        if (end == i || !REPLY_WORDS.contains(s.substring(i, end).toLowerCase(Locale.ROOT))) {
            return -1;
        }
        int j = end;
        if (j < n && (s.charAt(j) == '[' || s.charAt(j) == '(')) {
            // Re[2]: and Re(2): count replies
            char close = s.charAt(j) == '[' ? ']' : ')';
            int k = j + 1;
            while (k < n && Character.isDigit(s.charAt(k))) {
                k++;
            }
            if (k == j + 1 || k >= n || s.charAt(k) != close) {
                return -1;
            }
            j = k + 1;
        }
        while (j < n && s.charAt(j) == ' ') {
            j++;
        }
        if (j < n && (s.charAt(j) == ':' || s.charAt(j) == '：')) {
            return j + 1;
        }
        return -1;
    }

    private static final class Reading {
        boolean reply;
        boolean patch;
        boolean rfc;
        boolean resend;
        boolean pull;
        boolean tagged;
        boolean marker;
        Integer version;
        Integer dottedVersion;
        Integer number;
        Integer total;
        final List<String> labels = new ArrayList<>();

        void tag(String content) {
            tagged = true;
            List<String> words = words(content);
            for (int w = 0; w < words.size(); w++) {
                String word = words.get(w);
                if (word.equalsIgnoreCase("GIT") && w + 1 < words.size() && words.get(w + 1).equalsIgnoreCase("PULL")) {
                    continue;
                }
                if (w + 2 < words.size() && words.get(w + 1).equalsIgnoreCase("of")
                        && digits(word, 0, word.length()) && digits(words.get(w + 2), 0, words.get(w + 2).length())) {
                    // Mercurial's patchbomb: [PATCH 1 of 2]
                    numbering(word + "/" + words.get(w + 2), word.length());
                    w += 2;
                    continue;
                }
                word(word);
            }
        }

        /** Words of a tag, split at spaces, commas and semicolons. */
        private static List<String> words(String content) {
            List<String> words = new ArrayList<>(4);
            int start = -1;
            for (int i = 0; i <= content.length(); i++) {
                boolean separator = i == content.length() || Character.isWhitespace(content.charAt(i))
                        || content.charAt(i) == ',' || content.charAt(i) == ';';
                if (separator && start >= 0) {
                    words.add(content.substring(start, i));
                    start = -1;
                } else if (!separator && start < 0) {
                    start = i;
                }
            }
            return words;
        }

        private void word(String word) {
            String upper = word.toUpperCase(Locale.ROOT);
            if (upper.equals("PULL") || upper.equals("GIT-PULL")) {
                pull = true;
            } else if (markers(upper, 0, false)) {
                markers(upper, 0, true);
                if (upper.indexOf('.') > 0) {
                    labels.add(word); // v5.5: the exact form stays visible
                }
            } else if ((word.indexOf('/') > 0 || word.indexOf(':') > 0) && hasLetter(word)) {
                // RFC/PATCH, RFC/RFT, stable:PATCH
                for (String part : word.split("[/:]")) {
                    if (!part.isEmpty()) {
                        word(part);
                    }
                }
            } else {
                labels.add(word);
            }
        }

        /**
         * Whether {@code upper} from {@code at} is made only of keywords (PATCH, RFC, RESEND), versions
         * and a series marker, glued or joined by dashes; applies them when {@code apply}.
         */
        private boolean markers(String upper, int at, boolean apply) {
            int n = upper.length();
            if (at == n) {
                return at > 0;
            }
            if (at > 0 && upper.charAt(at) == '-') {
                at++;
                if (at == n) {
                    return false;
                }
            }
            for (String keyword : KEYWORDS) {
                if (upper.startsWith(keyword, at)) {
                    int next = at + keyword.length();
                    if (markers(upper, next, apply)) {
                        if (apply) {
                            keyword(keyword);
                        }
                        return true;
                    }
                }
            }
            char c = upper.charAt(at);
            if (c == 'V') {
                int major = digitsEnd(upper, at + 1);
                int end = major;
                if (end < n && upper.charAt(end) == '.' && digitsEnd(upper, end + 1) > end + 1) {
                    end = digitsEnd(upper, end + 1);
                }
                if (major > at + 1 && major - at - 1 <= 4 && markers(upper, end, apply)) {
                    if (apply) {
                        marker = true;
                        int v = Integer.parseInt(upper, at + 1, major, 10);
                        if (end > major) {
                            dottedVersion = dottedVersion == null ? v : dottedVersion;
                        } else if (version == null) {
                            version = v;
                        }
                    }
                    return true;
                }
            } else if (isAsciiDigit(c)) {
                int slash = digitsEnd(upper, at);
                int end = slash < n && upper.charAt(slash) == '/' ? digitsEnd(upper, slash + 1) : -1;
                if (end > slash + 1 && slash - at <= 4 && end - slash - 1 <= 4 && markers(upper, end, apply)) {
                    if (apply) {
                        numbering(upper.substring(at, end), slash - at);
                    }
                    return true;
                }
            }
            return false;
        }

        /**
         * A dotted version (v5.5, a fixup between v5 and v6) counts when the tags have no plain one;
         * next to "stable" it is the kernel a backport is for (v4.9), not the series' version.
         */
        void settleVersion() {
            if (version == null && dottedVersion != null
                    && labels.stream().noneMatch(label -> label.equalsIgnoreCase("stable"))) {
                version = dottedVersion;
            }
        }

        private static final String[] KEYWORDS = {"PATCHES", "PATCHSET", "PATCH", "RFC", "RESEND"};

        private void keyword(String keyword) {
            switch (keyword) {
                case "RFC" -> {
                    rfc = true;
                    marker = true;
                }
                case "RESEND" -> resend = true;
                default -> patch = true;
            }
        }

        /** n/N, the slash at {@code slash}; the first marker of a subject counts. */
        private void numbering(String marker, int slash) {
            this.marker = true;
            if (number == null) {
                number = Integer.parseInt(marker, 0, slash, 10);
                total = Integer.parseInt(marker, slash + 1, marker.length(), 10);
            }
        }

        private static int digitsEnd(String s, int from) {
            int i = from;
            while (i < s.length() && isAsciiDigit(s.charAt(i))) {
                i++;
            }
            return i;
        }

        private static boolean digits(String s, int from, int to) {
            return to > from && to - from <= 4 && digitsEnd(s, from) == to;
        }

        private static boolean hasLetter(String word) {
            for (int i = 0; i < word.length(); i++) {
                if (Character.isLetter(word.charAt(i))) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isAsciiDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
