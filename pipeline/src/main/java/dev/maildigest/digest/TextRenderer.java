package dev.maildigest.digest;

import static dev.maildigest.digest.DigestWording.block;
import static dev.maildigest.digest.DigestWording.oneLine;
import static dev.maildigest.digest.DigestWording.person;

import java.util.List;

import dev.maildigest.avro.Contributor;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.DomainCount;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.PatchEntry;
import dev.maildigest.avro.PullRequest;
import dev.maildigest.avro.ReviewActivity;
import dev.maildigest.avro.Series;
import dev.maildigest.avro.SeriesActivity;
import dev.maildigest.avro.ThreadActivity;

/**
 * Plain text in the layout subscribers know from the reference digest ("KVM mailing list update
 * from 26b723fc to 98cb905c"): titles, the two "Top 15" tables, the patch list, the commit
 * messages of new patches. What the reference lacks (pull requests, reviews, threads, a summary)
 * comes after it, so that the reference part reads as it always did.
 */
public final class TextRenderer implements DigestRenderer {
    static final String SEPARATOR = "-".repeat(70);

    @Override
    public String render(Digest d) {
        StringBuilder out = new StringBuilder(4096);
        line(out, "From " + d.getFirstShort() + " to " + d.getLastShort());
        line(out, DigestWording.title(d));
        line(out, "");
        line(out, "Top 15 contributor Email domains (Based on Email Body)");
        line(out, "");
        for (DomainCount dc : DigestWording.top(d.getTopDomains())) {
            line(out, String.format("%7d %s", dc.getCount(), dc.getDomain()));
        }
        line(out, "");
        line(out, "Top 15 contributors (Based on Email Body)");
        line(out, "");
        for (Contributor c : DigestWording.top(d.getTopContributors())) {
            line(out, String.format("%7d  %s", c.getCount(), person(c.getAuthor())));
        }
        line(out, "");
        line(out, "===== Patch list in this time period =====");
        line(out, "");
        for (Series s : d.getSeries()) {
            line(out, DigestWording.seriesTag(s) + " " + oneLine(s.getSubject()) + " (" + DigestWording.seriesDetails(s) + ")");
        }
        line(out, "");
        // Sic: the reference header ends with four '=' only; readers' filters may match it as is.
        line(out, "===== Patch Commit Messages ====");
        line(out, "");
        DigestWording.newPatches(d).forEach(p -> entry(out, p));
        extras(out, d);
        return out.toString();
    }

    private static void entry(StringBuilder out, PatchEntry p) {
        line(out, "New:  " + oneLine(p.getCleanSubject()));
        line(out, oneLine(p.getSubject()));
        line(out, "Author: " + person(p.getAuthor()));
        if (p.getSender() != null) {
            line(out, "Sender: " + person(p.getSender()));
        }
        line(out, "");
        String message = block(p.getCommitMessage());
        if (message != null) {
            line(out, message);
        }
        // A patch's notes and diffstat follow "---" lines, as git format-patch writes them; a cover
        // letter has no such line, its diffstat just follows the shortlog.
        String rule = p.getKind() == MailKind.COVER_LETTER ? "" : "---";
        String notes = block(p.getNotes());
        if (notes != null) {
            line(out, rule);
            line(out, notes);
        }
        String diffstat = block(p.getDiffstat());
        if (diffstat != null) {
            line(out, rule);
            line(out, diffstat);
        }
        line(out, "");
        line(out, SEPARATOR);
        line(out, "");
    }

    private static void extras(StringBuilder out, Digest d) {
        if (!d.getPullRequests().isEmpty()) {
            section(out, "Pull requests");
            for (PullRequest pr : d.getPullRequests()) {
                line(out, oneLine(pr.getSubject()) + " (" + person(pr.getAuthor()) + ")");
            }
            line(out, "");
        }
        if (!d.getReviews().isEmpty()) {
            section(out, "Review activity (Reviewed-by, Acked-by, Tested-by given)");
            for (ReviewActivity r : d.getReviews()) {
                line(out, String.format("%7d  %s (%s)", DigestWording.given(r), person(r.getPerson()),
                        DigestWording.reviewBreakdown(r)));
            }
            line(out, "");
        }
        if (!d.getThreads().isEmpty()) {
            section(out, "Busiest threads (replies in this time period)");
            for (ThreadActivity t : d.getThreads()) {
                line(out, String.format("%7d  %s", t.getReplies(), oneLine(t.getSubject())));
            }
            line(out, "");
        }
        seriesActivity(out, d);
        section(out, "Summary");
        line(out, "Messages:       " + d.getMessages());
        String dates = DigestWording.dateSpan(d);
        if (dates != null) {
            line(out, "Dates:          " + dates);
        }
        line(out, "Commits:        " + d.getRange().getFirst() + " to " + d.getRange().getLast()
                + (d.getRange().getCommits() > 0 ? " (" + DigestWording.plural(d.getRange().getCommits(), "commit", "commits") + ")" : ""));
        line(out, "Archive:        " + (d.getArchiveUrl() != null ? d.getArchiveUrl() : d.getArchive()));
        line(out, "Parse failures: " + d.getParseFailures()
                + (d.getParseFailures() > 0 ? " (messages that could not be read; kept in the dead-letter topic)" : ""));
    }

    /** New series and versions, series reviewed after they were posted, series applied: omitted when none. */
    private static void seriesActivity(StringBuilder out, Digest d) {
        List<DigestWording.ActivityGroup> groups = DigestWording.seriesActivity(d);
        if (groups.isEmpty()) {
            return;
        }
        section(out, "Series activity");
        for (DigestWording.ActivityGroup group : groups) {
            activityGroup(out, group);
        }
    }

    private static void activityGroup(StringBuilder out, DigestWording.ActivityGroup group) {
        line(out, group.title() + ":");
        for (SeriesActivity a : group.versions()) {
            line(out, "  " + DigestWording.activityTag(a) + " " + oneLine(a.getSubject()));
            line(out, "        " + oneLine(group.details().apply(a)));
        }
        line(out, "");
    }

    private static void section(StringBuilder out, String name) {
        line(out, "===== " + name + " =====");
        line(out, "");
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }
}
