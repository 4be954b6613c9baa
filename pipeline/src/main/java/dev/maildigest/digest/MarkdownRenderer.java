package dev.maildigest.digest;

import static dev.maildigest.digest.DigestWording.block;
import static dev.maildigest.digest.DigestWording.oneLine;
import static dev.maildigest.digest.DigestWording.person;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.maildigest.avro.Contributor;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.DomainCount;
import dev.maildigest.avro.PatchEntry;
import dev.maildigest.avro.PullRequest;
import dev.maildigest.avro.ReviewActivity;
import dev.maildigest.avro.Series;
import dev.maildigest.avro.SeriesActivity;
import dev.maildigest.avro.ThreadActivity;

/**
 * GitHub-flavoured Markdown with the sections of the text digest: tables for the top lists, mail
 * text in fenced blocks, subjects linked to the archive's page for the message when it is known.
 */
public final class MarkdownRenderer implements DigestRenderer {
    private static final Pattern BACKTICK_RUN = Pattern.compile("`+");

    @Override
    public String render(Digest d) {
        StringBuilder out = new StringBuilder(4096);
        out.append("# ").append(escape(DigestWording.title(d))).append("\n\n");
        out.append(escape(summary(d))).append("\n\n");

        out.append("## Top 15 contributor email domains (based on email body)\n\n");
        out.append("| Messages | Domain |\n| ---: | --- |\n");
        for (DomainCount dc : DigestWording.top(d.getTopDomains())) {
            out.append("| ").append(dc.getCount()).append(" | ").append(escape(dc.getDomain())).append(" |\n");
        }
        out.append("\n## Top 15 contributors (based on email body)\n\n");
        out.append("| Messages | Contributor |\n| ---: | --- |\n");
        for (Contributor c : DigestWording.top(d.getTopContributors())) {
            out.append("| ").append(c.getCount()).append(" | ").append(escape(person(c.getAuthor()))).append(" |\n");
        }

        out.append("\n## Patch list in this time period\n\n");
        if (d.getSeries().isEmpty()) {
            out.append("No patches.\n");
        }
        for (Series s : d.getSeries()) {
            out.append("- ").append(escape(DigestWording.seriesTag(s))).append(' ')
                    .append(link(oneLine(s.getSubject()), ArchiveLinks.messageUrl(d.getArchiveUrl(), s.getMessageId())))
                    .append(" (").append(escape(DigestWording.seriesDetails(s))).append(")\n");
        }

        out.append("\n## Patch commit messages\n\n");
        List<PatchEntry> fresh = DigestWording.newPatches(d);
        fresh.forEach(p -> entry(out, d, p));
        if (fresh.isEmpty()) {
            out.append("No new patches.\n\n");
        }
        extras(out, d);
        return out.toString();
    }

    private static String summary(Digest d) {
        StringBuilder s = new StringBuilder(DigestWording.plural(d.getMessages(), "message", "messages"));
        String dates = DigestWording.dateSpan(d);
        if (dates != null) {
            s.append(", ").append(dates);
        }
        if (d.getParseFailures() > 0) {
            s.append(", ").append(DigestWording.plural(d.getParseFailures(), "message", "messages"))
                    .append(" could not be read");
        }
        return s.append('.').toString();
    }

    private static void entry(StringBuilder out, Digest d, PatchEntry p) {
        out.append("### New: ")
                .append(link(oneLine(p.getCleanSubject()), ArchiveLinks.messageUrl(d.getArchiveUrl(), p.getMessageId())))
                .append("\n\n");
        out.append(escape(oneLine(p.getSubject()))).append("  \n");
        out.append("Author: ").append(escape(person(p.getAuthor())));
        if (p.getSender() != null) {
            out.append("  \nSender: ").append(escape(person(p.getSender())));
        }
        out.append("\n\n");
        fenced(out, block(p.getCommitMessage()));
        String notes = block(p.getNotes());
        if (notes != null) {
            out.append("Notes:\n\n");
            fenced(out, notes);
        }
        fenced(out, block(p.getDiffstat()));
    }

    private static void extras(StringBuilder out, Digest d) {
        if (!d.getPullRequests().isEmpty()) {
            out.append("## Pull requests\n\n");
            for (PullRequest pr : d.getPullRequests()) {
                out.append("- ").append(link(oneLine(pr.getSubject()), ArchiveLinks.messageUrl(d.getArchiveUrl(), pr.getMessageId())))
                        .append(" (").append(escape(person(pr.getAuthor()))).append(")\n");
            }
            out.append('\n');
        }
        if (!d.getReviews().isEmpty()) {
            out.append("## Review activity\n\n");
            out.append("| Reviewed-by | Acked-by | Tested-by | Reviewer |\n| ---: | ---: | ---: | --- |\n");
            for (ReviewActivity r : d.getReviews()) {
                out.append("| ").append(r.getReviewedBy()).append(" | ").append(r.getAckedBy()).append(" | ")
                        .append(r.getTestedBy()).append(" | ").append(escape(person(r.getPerson()))).append(" |\n");
            }
            out.append('\n');
        }
        if (!d.getThreads().isEmpty()) {
            out.append("## Busiest threads\n\n");
            out.append("| Replies | Thread |\n| ---: | --- |\n");
            for (ThreadActivity t : d.getThreads()) {
                out.append("| ").append(t.getReplies()).append(" | ")
                        .append(link(oneLine(t.getSubject()), ArchiveLinks.messageUrl(d.getArchiveUrl(), t.getRoot())))
                        .append(" |\n");
            }
            out.append('\n');
        }
        seriesActivity(out, d);
        out.append("---\n\n");
        out.append("Commits ").append(code(d.getRange().getFirst())).append(" to ").append(code(d.getRange().getLast()));
        if (d.getRange().getCommits() > 0) {
            out.append(" (").append(DigestWording.plural(d.getRange().getCommits(), "commit", "commits")).append(')');
        }
        out.append(" of ");
        String web = ArchiveLinks.webAddress(d.getArchiveUrl());
        out.append(web != null ? link(web, web) : escape(d.getArchive()));
        out.append(".\n");
    }

    private static void seriesActivity(StringBuilder out, Digest d) {
        List<DigestWording.ActivityGroup> groups = DigestWording.seriesActivity(d);
        if (groups.isEmpty()) {
            return;
        }
        out.append("## Series activity\n\n");
        for (DigestWording.ActivityGroup group : groups) {
            activityGroup(out, d, group);
        }
    }

    private static void activityGroup(StringBuilder out, Digest d, DigestWording.ActivityGroup group) {
        out.append("### ").append(group.title()).append("\n\n");
        for (SeriesActivity a : group.versions()) {
            out.append("- ").append(escape(DigestWording.activityTag(a))).append(' ')
                    .append(link(oneLine(a.getSubject()), ArchiveLinks.messageUrl(d.getArchiveUrl(), a.getVersionId())))
                    .append(" (").append(escape(oneLine(group.details().apply(a)))).append(")\n");
        }
        out.append('\n');
    }

    private static String link(String text, String url) {
        return url == null ? escape(text) : "[" + escape(text) + "](" + url + ")";
    }

    private static String code(String text) {
        return "`" + text.replace("`", "") + "`";
    }

    /** A block of mail text, fenced with more backticks than it contains in a row. */
    private static void fenced(StringBuilder out, String text) {
        if (text == null) {
            return;
        }
        int longest = 0;
        Matcher m = BACKTICK_RUN.matcher(text);
        while (m.find()) {
            longest = Math.max(longest, m.end() - m.start());
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        out.append(fence).append("text\n").append(text).append('\n').append(fence).append("\n\n");
    }

    /** Backslash-escapes what Markdown would read as markup in running text and table cells. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<>#|~&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
