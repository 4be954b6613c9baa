package dev.maildigest.digest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.maildigest.avro.Address;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.PatchEntry;
import dev.maildigest.avro.ReviewActivity;
import dev.maildigest.avro.Series;

/** How every renderer words the same facts, so that text, Markdown and HTML say the same things. */
final class DigestWording {
    private static final Pattern LINE_BREAK = Pattern.compile("\\s*[\\r\\n]+\\s*");
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private DigestWording() {
    }

    /** The first {@link DigestBuilder#TOP} of a ranking, as the "Top 15" headings promise. */
    static <T> List<T> top(List<T> ranked) {
        return ranked.size() <= DigestBuilder.TOP ? ranked : ranked.subList(0, DigestBuilder.TOP);
    }

    /** The patches shown in full: single patches, first patches of series, cover letters (of the newest version only). */
    static List<PatchEntry> newPatches(Digest d) {
        return d.getPatches().stream().filter(PatchEntry::getIsNew).toList();
    }

    /** {@code Name <email>}, or the bare address when the mail gave no name. */
    static String person(Address a) {
        String name = a.getName();
        return name == null || name.isBlank() ? a.getEmail() : name.strip() + " <" + a.getEmail() + ">";
    }

    /** The name alone, for one-line summaries; the address when there is no name. */
    static String shortPerson(Address a) {
        String name = a.getName();
        return name == null || name.isBlank() ? a.getEmail() : name.strip();
    }

    static String title(Digest d) {
        return d.getListName() + " mailing list update from " + d.getFirstShort() + " to " + d.getLastShort();
    }

    /** {@code 2025-04-23 08:10 to 2025-04-23 19:55 UTC}; null when the digest has no dates. */
    static String dateSpan(Digest d) {
        Instant from = d.getDateFrom();
        Instant to = d.getDateTo();
        if (from == null && to == null) {
            return null;
        }
        if (from == null || to == null || from.equals(to)) {
            return MINUTE.format(from != null ? from : to) + " UTC";
        }
        return MINUTE.format(from) + " to " + MINUTE.format(to) + " UTC";
    }

    /** The tag users know from subjects, rebuilt for a series: {@code [PATCH net-next v10]}. */
    static String seriesTag(Series s) {
        StringBuilder tag = new StringBuilder("[PATCH");
        for (String label : s.getLabels()) {
            tag.append(' ').append(label);
        }
        if (s.getVersion() > 1) {
            tag.append(" v").append(s.getVersion());
        }
        return tag.append(']').toString();
    }

    /** What a series holds: {@code 9 of 9 patches + cover letter}; null for a single patch. */
    static String seriesExtent(Series s) {
        if (s.getTotal() <= 1) {
            return s.getHasCover() ? "cover letter" : null;
        }
        return s.getPresent() + " of " + s.getTotal() + " patches" + (s.getHasCover() ? " + cover letter" : "");
    }

    /** {@code 9 of 9 patches + cover letter, Mina Almasry}, or just the author for a single patch. */
    static String seriesDetails(Series s) {
        String extent = seriesExtent(s);
        return (extent == null ? "" : extent + ", ") + shortPerson(s.getAuthor());
    }

    static int given(ReviewActivity r) {
        return r.getReviewedBy() + r.getAckedBy() + r.getTestedBy();
    }

    /** {@code 3 Reviewed-by, 1 Acked-by}: only the kinds given. */
    static String reviewBreakdown(ReviewActivity r) {
        StringBuilder out = new StringBuilder();
        appendCount(out, r.getReviewedBy(), "Reviewed-by");
        appendCount(out, r.getAckedBy(), "Acked-by");
        appendCount(out, r.getTestedBy(), "Tested-by");
        return out.toString();
    }

    private static void appendCount(StringBuilder out, int count, String what) {
        if (count > 0) {
            out.append(out.length() == 0 ? "" : ", ").append(count).append(' ').append(what);
        }
    }

    static String plural(int count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }

    /**
     * A block of mail text as a renderer shows it: line ends as {@code \n}, blank lines before and
     * after dropped (indentation inside kept: diffstat lines start with a space); null when empty.
     */
    static String block(String text) {
        if (text == null) {
            return null;
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int first = 0;
        int last = lines.length - 1;
        while (first <= last && lines[first].isBlank()) {
            first++;
        }
        while (last >= first && lines[last].isBlank()) {
            last--;
        }
        if (first > last) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = first; i <= last; i++) {
            out.append(lines[i].stripTrailing()).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** Subjects are one line, whatever folding or stray line ends the mail had; never shortened. */
    static String oneLine(String text) {
        return text == null ? "" : LINE_BREAK.matcher(text).replaceAll(" ").strip();
    }
}
