package dev.maildigest.digest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.function.Function;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.maildigest.avro.Address;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.PatchEntry;
import dev.maildigest.avro.ReviewActivity;
import dev.maildigest.avro.Series;
import dev.maildigest.avro.SeriesActivity;
import dev.maildigest.avro.SeriesApplied;
import dev.maildigest.avro.SeriesStatus;

/** How every renderer words the same facts, so that text, Markdown and HTML say the same things. */
final class DigestWording {
    private static final Pattern LINE_BREAK = Pattern.compile("\\s*[\\r\\n]+\\s*");
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
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

    /**
     * What a series holds: {@code 9 of 9 patches + cover letter}; with the patches earlier digests
     * showed when a range boundary split it: {@code 8 of 8 patches, 4 of them in earlier digests};
     * null for a single patch.
     */
    static String seriesExtent(Series s) {
        if (s.getTotal() <= 1) {
            return s.getHasCover() ? "cover letter" : null;
        }
        return (s.getPresent() + s.getSeenBefore()) + " of " + s.getTotal() + " patches" + (s.getHasCover() ? " + cover letter" : "")
                + (s.getSeenBefore() > 0 ? ", " + s.getSeenBefore() + " of them in earlier digests" : "");
    }

    /** One group of the series activity section: its title, its versions, and each one's details line. */
    record ActivityGroup(String title, List<SeriesActivity> versions, Function<SeriesActivity, String> details) {
    }

    /**
     * The series activity section's groups that have versions, in order: posted in this range (new
     * ones, and the rest of ones begun earlier), posted earlier and reviewed in this one, applied by
     * a reply in this one. Empty: the section is left out.
     */
    static List<ActivityGroup> seriesActivity(Digest d) {
        List<SeriesActivity> all = d.getSeriesActivity();
        return Stream.of(
                        new ActivityGroup("New series and versions",
                                all.stream().filter(SeriesActivity::getPosted).toList(), DigestWording::postedDetails),
                        new ActivityGroup("Reviews for patches posted earlier",
                                all.stream().filter(SeriesActivity::getReviewedLater).toList(), DigestWording::reviewedDetails),
                        new ActivityGroup("Applied",
                                all.stream().filter(a -> a.getAppliedHere() && a.getApplied() != null).toList(),
                                DigestWording::appliedDetails))
                .filter(g -> !g.versions().isEmpty())
                .toList();
    }

    /** {@code [PATCH v3]}, as the version's subjects were tagged. */
    static String activityTag(SeriesActivity a) {
        return a.getVersion() > 1 ? "[PATCH v" + a.getVersion() + "]" : "[PATCH]";
    }

    /**
     * A posted version: {@code 8 of 8 patches + cover letter, 4 of them in earlier digests, Ada Lindqvist,
     * supersedes v2 of 2026-05-02}; its state when it is no longer new.
     */
    static String postedDetails(SeriesActivity a) {
        StringBuilder out = new StringBuilder();
        if (a.getTotal() > 1) {
            out.append(a.getSeen()).append(" of ").append(a.getTotal()).append(" patches");
            if (a.getHasCover()) {
                out.append(" + cover letter");
            }
            if (a.getSeenBefore() > 0) {
                out.append(", ").append(a.getSeenBefore()).append(" of them in earlier digests");
            }
            out.append(", ");
        }
        out.append(shortPerson(a.getAuthor()));
        if (a.getSupersedes() != null) {
            out.append(", supersedes v").append(a.getSupersedes().getVersion());
            if (a.getSupersedes().getFirstPosted() != null) {
                out.append(" of ").append(DAY.format(a.getSupersedes().getFirstPosted()));
            }
        }
        if (a.getStatus() == SeriesStatus.REVISED) {
            out.append(", already revised");
        }
        if (!a.getReviews().isEmpty()) {
            out.append("; ").append(reviewDetails(a));
        }
        return out.toString();
    }

    /**
     * A version posted earlier that got reviews in this range: {@code Eve Marsh, posted 2026-11-18:
     * 3 Reviewed-by, 1 Acked-by from Bo Okafor, Fay Iyer}.
     */
    static String reviewedDetails(SeriesActivity a) {
        return shortPerson(a.getAuthor()) + (a.getFirstPosted() != null ? ", posted " + DAY.format(a.getFirstPosted()) : "")
                + ": " + reviewDetails(a);
    }

    /** Reviews a version got in this range: {@code 3 Reviewed-by, 1 Acked-by from Bo Okafor, Fay Iyer}. */
    private static String reviewDetails(SeriesActivity a) {
        ReviewActivity total = new ReviewActivity(a.getAuthor(), 0, 0, 0);
        List<String> who = new ArrayList<>();
        for (ReviewActivity r : a.getReviews()) {
            total.setReviewedBy(total.getReviewedBy() + r.getReviewedBy());
            total.setAckedBy(total.getAckedBy() + r.getAckedBy());
            total.setTestedBy(total.getTestedBy() + r.getTestedBy());
            who.add(shortPerson(r.getPerson()));
        }
        return reviewBreakdown(total) + " from " + String.join(", ", who);
    }

    /** {@code applied to kvmarm/next by Marc Zyngier, patch 2: 1a2b3c4d5e6f, 7a8b9c0d1e2f}. */
    static String appliedDetails(SeriesActivity a) {
        SeriesApplied applied = a.getApplied();
        StringBuilder out = new StringBuilder("applied");
        if (applied.getNotice().getWhere() != null) {
            out.append(" to ").append(oneLine(applied.getNotice().getWhere()));
        }
        if (applied.getBy() != null) {
            out.append(" by ").append(shortPerson(applied.getBy()));
        }
        if (applied.getPatch() != null) {
            out.append(", patch ").append(applied.getPatch()).append(" of ").append(a.getTotal());
        }
        List<String> commits = applied.getNotice().getCommits().stream().map(DigestWording::shortCommit).toList();
        if (!commits.isEmpty()) {
            out.append(": ").append(String.join(", ", commits));
        }
        return out.toString();
    }

    /** Commit ids as kernel people quote them: 12 hex digits. */
    static String shortCommit(String commit) {
        return commit.length() <= 12 ? commit : commit.substring(0, 12);
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
