package dev.maildigest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.maildigest.avro.SubjectTags;

/**
 * Reads the front of a subject: reply and forward prefixes ({@code Re:}, {@code AW:}, repeated) and
 * bracket tags ({@code [PATCH v3 01/17]}, {@code [RFC PATCH net-next 2/3]}, {@code [GIT PULL]},
 * {@code [PATCH] [v2]}), in any order, up to the first word that is neither.
 */
final class SubjectParser {
    /** Reply and forward markers of common mailers, lower-case, without the colon. */
    private static final Set<String> REPLY_WORDS = Set.of(
            "re", "fw", "fwd", "aw", "sv", "vs", "antw", "wg", "tr", "rif", "odp", "ynt",
            "回复", "回覆", "答复", "转发");

    private SubjectParser() {
    }

    /** @param tagged whether the subject had at least one bracket tag */
    record Subject(SubjectTags tags, String clean, boolean tagged) {
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
        SubjectTags tags = SubjectTags.newBuilder()
                .setReply(r.reply).setPatch(r.patch).setRfc(r.rfc).setResend(r.resend).setPull(r.pull)
                .setVersion(r.version).setNumber(r.number).setTotal(r.total).setLabels(r.labels)
                .build();
        return new Subject(tags, s.substring(i).strip(), r.tagged);
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
        Integer version;
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
            if (upper.equals("PATCH") || upper.equals("PATCHES") || keyword(upper, "PATCH")) {
                patch = true;
            } else if (upper.equals("RFC") || keyword(upper, "RFC")) {
                rfc = true;
            } else if (upper.equals("RESEND") || keyword(upper, "RESEND")) {
                resend = true;
            } else if (upper.equals("PULL") || upper.equals("GIT-PULL")) {
                pull = true;
            } else if (isVersion(upper, 0)) {
                version(upper, 0);
            } else if (numbering(word)) {
                if (number == null) {
                    int slash = word.indexOf('/');
                    number = Integer.parseInt(word.substring(0, slash));
                    total = Integer.parseInt(word.substring(slash + 1));
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

        /** PATCHv2, PATCH-v2, RFCv3: a keyword glued to a version. */
        private boolean keyword(String upper, String keyword) {
            if (!upper.startsWith(keyword)) {
                return false;
            }
            int at = keyword.length();
            if (at < upper.length() && upper.charAt(at) == '-') {
                at++;
            }
            if (!isVersion(upper, at)) {
                return false;
            }
            version(upper, at);
            return true;
        }

        private void version(String upper, int at) {
            if (version == null) {
                version = Integer.parseInt(upper.substring(at + 1));
            }
        }

        /** v3 / V3 at {@code at}, up to four digits; v2.5 is a label, not a version. */
        private static boolean isVersion(String upper, int at) {
            int digits = upper.length() - at - 1;
            if (digits < 1 || digits > 4 || upper.charAt(at) != 'V') {
                return false;
            }
            for (int i = at + 1; i < upper.length(); i++) {
                if (!isAsciiDigit(upper.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /** 01/17, 1/9: up to four digits each side. */
        private static boolean numbering(String word) {
            int slash = word.indexOf('/');
            if (slash < 1 || slash > 4 || word.length() - slash - 1 < 1 || word.length() - slash - 1 > 4) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                if (i != slash && !isAsciiDigit(word.charAt(i))) {
                    return false;
                }
            }
            return true;
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
