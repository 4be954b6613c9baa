package dev.maildigest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.maildigest.avro.AppliedNotice;

/**
 * A reply's own line that says the series or a patch was applied, queued, merged or pushed, as
 * maintainers write it: "Applied to next, thanks!", "Thanks, applied.", "Queued for 6.3, thanks.",
 * "I've applied this to for-next.", b4's thank-you mails (the line, then "[1/3] subject" and
 * "commit: 0123abcd" lines), and the pull-request tracker's "has been merged into tree:" followed by
 * a commit link.
 *
 * <p>Conservative on purpose, as a false "applied" misleads more than a missed one: the line must
 * start a sentence with the verb (after at most "Thanks," and "I've"), name nothing but the series
 * or patches as its object, and go on only with punctuation, "thanks", "and", "with" or "as".
 * "I applied this locally", "Applied on top of v6.1, it fails", "once this is applied", "Does
 * this still apply?" and "I'll queue it" all fail that shape. Quoted lines and the quoted original
 * under a reply are someone else's words.
 */
final class AppliedText {
    /** Commit ids as b4 and git.kernel.org links give them. */
    private static final String HEX = "([0-9a-f]{7,40})";
    private static final Pattern COMMIT_LINE = Pattern.compile("^\\s*commit:?\\s+" + HEX + "\\b");
    private static final Pattern COMMIT_LINK =
            Pattern.compile("https?://git\\.kernel\\.org/\\S*?(?:/c/|/commit/\\?(?:\\S*?[;&])?id=|/commit/)" + HEX + "(?![0-9a-zA-Z])");

    /** A branch, tree or URL: "next", "kvmarm/next", "-next", "arm64 (for-next/misc)". */
    private static final String TOKEN = "(?:https?://[^\\s,;]+|-?[\\w`][\\w.+/`:-]*)";
    /** Words that end a tree name of several words rather than continue it. */
    private static final String NOT_NAME = "(?!(?:and|as|with|for|thanks|thank|too|also|now|already|well|but|so|to|in|on|"
            + "into|after|before|then|since|because|i|we|it|this|once|when|if|until|while)(?![\\w/.-]))";
    private static final String WHERE = "(?<where>(?:the\\s+)?" + TOKEN + "(?:\\s+\\(" + TOKEN + "\\)|\\s+" + NOT_NAME + TOKEN + "){0,2})";
    /** "for 6.3", "for v5.12", "for -rc3": a release a queue is for, not a version of the series. */
    private static final String TARGET = "(?<target>for\\s+(?:v?\\d+\\.\\d+[\\w.-]*|-?rc\\d*))";
    private static final String OBJECT = "(?:this(?:\\s+one|\\s+(?:whole\\s+)?(?:series|set|patch(?:set)?))?|it|them|these(?:\\s+(?:two|three|four|five|\\d+))?"
            + "(?:\\s+patch(?:es)?)?|those|both|all(?:\\s+of\\s+them)?|everything|(?:the\\s+)?(?:whole\\s+|entire\\s+)?(?:series|patch(?:set)?)"
            + "|(?:the\\s+)?first\\s+(?:(?:two|three|four|five|\\d+)\\s+)?patch(?:es)?|(?:the\\s+)?first\\s+\\d+"
            + "|(?:patch(?:es)?\\s+)?#?\\d+(?:\\s*(?:-|\\+|,|&|and)\\s*#?\\d+)*(?:\\s*/\\s*\\d+)?)";
    private static final Pattern APPLIED = Pattern.compile(
            "^(?:(?:thanks|thank\\s+you|many\\s+thanks)(?:\\s+again)?[,.!]*\\s+)?"
            + "(?:(?:both|all|now|and|so|ok|okay)[,]?\\s+){0,2}"
            + "(?:(?:i|we)(?:'ve|\u2019ve|\\s+have)?\\s+(?:now\\s+|also\\s+|just\\s+)?)?(?:now\\s+)?"
            + "(?<verb>applied|queued|pushed|merged|picked\\s+up)(?:\\s+(?:up|out))?"
            + "(?:\\s+" + OBJECT + "(?:\\s+(?:up|out|only))?)?"
            + "(?:\\s+(?:to|into|in|on|through|via)\\s+" + WHERE + ")?"
            + "(?:\\s+" + TARGET + ")?"
            + "(?:$|\\s*[,.!;:(\\[]|\\s+--|\\s+for\\s+now\\b|\\s+(?:and|with|thanks|as|too|also|already|now|along)\\b)",
            Pattern.CASE_INSENSITIVE);
    /** Words that make a clause about applying a patch one about trying it out. */
    private static final Pattern TRYING = Pattern.compile(
            "\\b(?:test|tests|tested|testing|verified|verify|locally|fails?|failed|failing|breaks?|broke|build|builds|boot|boots|crash(?:es)?)\\b",
            Pattern.CASE_INSENSITIVE);
    /** The pull-request tracker's answer: "has been merged into torvalds/linux.git:". */
    private static final Pattern MERGED_PULL = Pattern.compile("^has\\s+been\\s+merged\\s+into\\s+(?<where>\\S+?):?$");
    private static final String PULL_SENT = "The pull request you sent on";
    private static final String MERGED = "has been merged into ";
    /** The verb comes after "Many thanks again, OK, now I've also" at most. */
    private static final int VERB_WITHIN = 60;
    private static final int MAX_WHERE = 120;

    private AppliedText() {
    }

    /** The notice in lines [from, to) of a reply, or null when they hold none. */
    static AppliedNotice find(BodyLines lines, int from, int to) {
        String text = lines.text;
        boolean ownText = false;
        boolean pullAnswer = false;
        boolean sentenceStart = true;
        // Every verb ends in "ed": where the next one is spares most lines the closer look.
        int nextEd = -2;
        for (int i = from; i < to && lines.has(i); i++) {
            if (ReplyText.endsOwnText(lines, i, ownText)) {
                return null;
            }
            // Most lines are read without copying them: the pattern only sees lines with a verb.
            int start = lines.start(i);
            int end = lines.end(i);
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            if (start == end || text.charAt(start) == '>') {
                sentenceStart = true;
                continue;
            }
            ownText = true;
            if (text.startsWith(PULL_SENT, start)) {
                pullAnswer = true;
            }
            if (nextEd != -1 && nextEd < start) {
                nextEd = text.indexOf("ed", start);
                if (nextEd < 0) {
                    return null;
                }
            }
            int verbEnd = Math.min(end, start + VERB_WITHIN);
            AppliedNotice notice = null;
            if (pullAnswer && text.startsWith(MERGED, start)) {
                notice = mergedPull(text.substring(start, end));
            } else if ((sentenceStart || Character.isUpperCase(text.charAt(start))) && nextEd < verbEnd
                    && hasVerb(text, start, verbEnd)) {
                notice = applied(text.substring(start, end));
            }
            if (notice != null) {
                notice.setCommits(commits(lines, i, to));
                return notice;
            }
            char last = text.charAt(end - 1);
            sentenceStart = last == '.' || last == '!' || last == ':';
        }
        return null;
    }

    /**
     * A cheap test before the pattern, which most lines of most replies fail: one of the verbs, by
     * its tail, near the start of the line.
     */
    private static boolean hasVerb(String text, int from, int to) {
        for (int p = from; p < to; p++) {
            boolean found = switch (text.charAt(p)) {
                case 'p', 'P' -> regionIs(text, p, to, "pplied");
                case 'u', 'U' -> regionIs(text, p, to, "ueued") || regionIs(text, p, to, "ushed");
                case 'e', 'E' -> regionIs(text, p, to, "erged");
                case 'i', 'I' -> regionIs(text, p, to, "icked");
                default -> false;
            };
            if (found) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionIs(String text, int at, int to, String what) {
        return at + what.length() <= to && text.regionMatches(true, at, what, 0, what.length());
    }

    /** The notice one line gives, commits left empty; null when the line says nothing of the kind. */
    static AppliedNotice applied(String line) {
        if (line.indexOf('?') >= 0 || line.length() > 300) {
            return null;
        }
        Matcher m = APPLIED.matcher(line);
        if (!m.find()) {
            return null;
        }
        String said = m.group("where") == null ? line : line.substring(0, m.start("where")) + line.substring(m.end("where"));
        if (TRYING.matcher(firstClause(said, m.end("verb"))).find()) {
            return null; // "Applied this series and verified that ...": a tester's words
        }
        String where = where(m.group("where"));
        if (m.group("where") != null && where == null) {
            return null; // "on top of", "on v6.1": what it was applied onto, to test it
        }
        if (where == null && m.group("target") != null) {
            where = withoutEndPunctuation(m.group("target"));
        }
        return new AppliedNotice(line, where, new ArrayList<>());
    }

    /** The line up to the first punctuation after the verb. */
    private static String firstClause(String line, int verbEnd) {
        for (int i = verbEnd; i < line.length(); i++) {
            if (",.;!".indexOf(line.charAt(i)) >= 0 && (i + 1 == line.length() || Character.isWhitespace(line.charAt(i + 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static AppliedNotice mergedPull(String line) {
        Matcher m = MERGED_PULL.matcher(line);
        return m.matches() ? new AppliedNotice(line, where(m.group("where")), new ArrayList<>()) : null;
    }

    /** The tree as written, without "the", quotes and trailing punctuation; null for a base, not a tree. */
    private static String where(String written) {
        if (written == null) {
            return null;
        }
        String w = written.strip();
        if (w.regionMatches(true, 0, "the ", 0, 4)) {
            w = w.substring(4).strip();
        }
        w = withoutEndPunctuation(w.replace("`", ""));
        String lower = w.toLowerCase(Locale.ROOT);
        if (w.isEmpty() || w.length() > MAX_WHERE || lower.equals("top") || lower.startsWith("top ")
                || lower.matches("v?\\d+(\\.\\d+)*(-rc\\d+)?") || lower.matches("(my|your|his|her|our|their|a|an)( .*)?")) {
            return null;
        }
        return w;
    }

    private static String withoutEndPunctuation(String s) {
        int end = s.length();
        while (end > 0 && ".,:;".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Commit ids on the notice's line and the own lines right after it (b4 lists one per patch). */
    private static List<String> commits(BodyLines lines, int notice, int to) {
        List<String> commits = new ArrayList<>();
        for (int i = notice; i < to && lines.has(i) && commits.size() < TrailerParser.MAX_TRAILERS; i++) {
            if (lines.first(i) == '>' || i > notice && ReplyText.endsOwnText(lines, i, true)) {
                break;
            }
            String line = lines.line(i);
            Matcher commit = COMMIT_LINE.matcher(line);
            if (commit.find()) {
                add(commits, commit.group(1));
            }
            Matcher link = COMMIT_LINK.matcher(line);
            while (link.find()) {
                add(commits, link.group(1));
            }
        }
        return commits;
    }

    private static void add(List<String> commits, String id) {
        if (!commits.contains(id)) {
            commits.add(id);
        }
    }
}
