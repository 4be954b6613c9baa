package dev.maildigest.digest;

import java.util.List;

import static dev.maildigest.digest.DigestWording.block;
import static dev.maildigest.digest.DigestWording.oneLine;
import static dev.maildigest.digest.DigestWording.person;

import dev.maildigest.avro.Contributor;
import dev.maildigest.avro.DiffTotals;
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
 * One self-contained HTML page (inline CSS, no scripts, nothing fetched) with the sections of the
 * text digest. Every message links to the archive's page for it when the archive URL is known.
 * Everything taken from mail is escaped.
 */
public final class HtmlRenderer implements DigestRenderer {

    private static final String STYLE = """
            :root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff;
              --panel: #f6f8fa; --line: #d1d9e0; --link: #0969da; --tag-bg: #ddf4ff; --tag-fg: #0a3069; }
            @media (prefers-color-scheme: dark) {
              :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #161b22; --line: #30363d;
                --link: #4493f8; --tag-bg: #1f3a5f; --tag-fg: #cae8ff; }
            }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); color: var(--fg);
              font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
            .page { max-width: 62rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
            a { color: var(--link); text-decoration: none; }
            a:hover { text-decoration: underline; }
            header { border-bottom: 1px solid var(--line); padding-bottom: 1rem; margin-bottom: 1.5rem; }
            h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 .35rem; }
            h2 { font-size: 1.3rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
            h3 { font-size: 1.12rem; margin: 0 0 .3rem; }
            .range, .facts, .note, .meta, .subject, .byline { color: var(--muted); }
            .range { margin: 0; font-size: 1.05rem; }
            .facts { margin: .6rem 0 0; display: flex; flex-wrap: wrap; gap: .4rem 1.4rem; padding: 0; list-style: none; }
            .facts b { color: var(--fg); }
            code, pre { font-family: ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
            code { font-size: .92em; }
            .tops { display: grid; grid-template-columns: repeat(auto-fit, minmax(19rem, 1fr)); gap: 0 2.5rem; }
            .tops h2 { margin-top: .4rem; }
            .note { margin: -.5rem 0 .6rem; font-size: .9rem; }
            table { border-collapse: collapse; width: 100%; font-size: .95rem; }
            th, td { padding: .28rem .6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
            th { font-weight: 600; background: var(--panel); }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; width: 5.5rem; white-space: nowrap; }
            ul.series { list-style: none; padding: 0; margin: 0; }
            ul.series li { padding: .45rem 0; border-bottom: 1px solid var(--line); }
            .tag { display: inline-block; font-size: .78rem; font-weight: 600; padding: .05rem .5rem; margin-right: .35rem;
              border-radius: 1rem; background: var(--tag-bg); color: var(--tag-fg); white-space: nowrap; vertical-align: .1em; }
            .meta { font-size: .92rem; }
            article { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.2rem; margin: 1rem 0 1.4rem; }
            .kind { margin: 0 0 .35rem; }
            .subject { margin: 0; font-family: ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, monospace;
              font-size: .88rem; overflow-wrap: anywhere; }
            .byline { margin: .3rem 0 .8rem; font-size: .95rem; }
            .byline span { color: var(--fg); }
            pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: .6rem 0;
              font-size: .84rem; line-height: 1.45; overflow-x: auto; white-space: pre; }
            .label { font-size: .8rem; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: .9rem 0 0; }
            footer { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
            """;

    @Override
    public String render(Digest d) {
        StringBuilder out = new StringBuilder(8192);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(DigestWording.title(d))).append("</title>\n")
                .append("<style>").append(styleSheet()).append("</style>\n</head>\n<body>\n");
        out.append(body(d));
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    /** The text of the page's one style element (a server names it by hash in its Content-Security-Policy). */
    public static String styleSheet() {
        return "\n" + STYLE;
    }

    /** The page's content without the document around it: {@code <div class="page">...</div>}, for feeds. */
    public String body(Digest d) {
        StringBuilder out = new StringBuilder(8192);
        out.append("<div class=\"page\">\n");
        header(out, d);
        tops(out, d);
        patchList(out, d);
        out.append("<section>\n<h2>Patch commit messages</h2>\n");
        List<PatchEntry> fresh = DigestWording.newPatches(d);
        fresh.forEach(p -> entry(out, d, p));
        if (fresh.isEmpty()) {
            out.append("<p class=\"note\">No new patches.</p>\n");
        }
        out.append("</section>\n");
        extras(out, d);
        footer(out, d);
        out.append("</div>\n");
        return out.toString();
    }

    private static void header(StringBuilder out, Digest d) {
        out.append("<header>\n<h1>").append(esc(d.getListName())).append(" mailing list update</h1>\n")
                .append("<p class=\"range\">from <code>").append(esc(d.getFirstShort())).append("</code> to <code>")
                .append(esc(d.getLastShort())).append("</code></p>\n<ul class=\"facts\">\n");
        fact(out, String.valueOf(d.getMessages()), d.getMessages() == 1 ? "message" : "messages");
        String dates = DigestWording.dateSpan(d);
        if (dates != null) {
            out.append("<li>").append(esc(dates)).append("</li>\n");
        }
        fact(out, String.valueOf(d.getSeries().size()), d.getSeries().size() == 1 ? "series or patch" : "series and patches");
        if (!d.getPullRequests().isEmpty()) {
            fact(out, String.valueOf(d.getPullRequests().size()), d.getPullRequests().size() == 1 ? "pull request" : "pull requests");
        }
        if (d.getParseFailures() > 0) {
            fact(out, String.valueOf(d.getParseFailures()), "could not be read");
        }
        out.append("</ul>\n</header>\n");
    }

    private static void fact(StringBuilder out, String number, String what) {
        out.append("<li><b>").append(esc(number)).append("</b> ").append(esc(what)).append("</li>\n");
    }

    private static void tops(StringBuilder out, Digest d) {
        out.append("<section class=\"tops\">\n<div>\n<h2>Top 15 contributor email domains</h2>\n")
                .append("<p class=\"note\">Based on email body</p>\n<table>\n<thead><tr><th class=\"n\">Messages</th><th>Domain</th></tr></thead>\n<tbody>\n");
        for (DomainCount dc : DigestWording.top(d.getTopDomains())) {
            row(out, dc.getCount(), esc(dc.getDomain()));
        }
        out.append("</tbody>\n</table>\n</div>\n<div>\n<h2>Top 15 contributors</h2>\n")
                .append("<p class=\"note\">Based on email body</p>\n<table>\n<thead><tr><th class=\"n\">Messages</th><th>Contributor</th></tr></thead>\n<tbody>\n");
        for (Contributor c : DigestWording.top(d.getTopContributors())) {
            row(out, c.getCount(), esc(person(c.getAuthor())));
        }
        out.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private static void row(StringBuilder out, int count, String html) {
        out.append("<tr><td class=\"n\">").append(count).append("</td><td>").append(html).append("</td></tr>\n");
    }

    private static void patchList(StringBuilder out, Digest d) {
        out.append("<section>\n<h2>Patch list in this time period</h2>\n");
        if (d.getSeries().isEmpty()) {
            out.append("<p class=\"note\">No patches.</p>\n</section>\n");
            return;
        }
        out.append("<ul class=\"series\">\n");
        for (Series s : d.getSeries()) {
            out.append("<li><span class=\"tag\">").append(esc(DigestWording.seriesTag(s))).append("</span>")
                    .append(link(oneLine(s.getSubject()), ArchiveLinks.messageUrl(d.getArchiveUrl(), s.getMessageId())))
                    .append(" <span class=\"meta\">").append(esc(DigestWording.seriesDetails(s))).append("</span></li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    private static void entry(StringBuilder out, Digest d, PatchEntry p) {
        out.append("<article>\n<p class=\"kind\"><span class=\"tag\">")
                .append(p.getKind() == MailKind.COVER_LETTER ? "New series" : "New patch").append("</span></p>\n")
                .append("<h3>").append(link(oneLine(p.getCleanSubject()), ArchiveLinks.messageUrl(d.getArchiveUrl(), p.getMessageId())))
                .append("</h3>\n<p class=\"subject\">").append(esc(oneLine(p.getSubject()))).append("</p>\n")
                .append("<p class=\"byline\">Author: <span>").append(esc(person(p.getAuthor()))).append("</span>");
        if (p.getSender() != null) {
            out.append(" &middot; Sender: <span>").append(esc(person(p.getSender()))).append("</span>");
        }
        DiffTotals totals = p.getDiff();
        if (totals != null) {
            out.append(" &middot; ").append(esc(DigestWording.plural(totals.getFiles(), "file", "files")))
                    .append(", +").append(totals.getInsertions()).append(" &minus;").append(totals.getDeletions());
        }
        out.append("</p>\n");
        pre(out, "message", block(p.getCommitMessage()));
        String notes = block(p.getNotes());
        if (notes != null) {
            out.append("<p class=\"label\">Notes</p>\n");
            pre(out, "notes", notes);
        }
        String diffstat = block(p.getDiffstat());
        if (diffstat != null) {
            out.append("<p class=\"label\">Diffstat</p>\n");
            pre(out, "diffstat", diffstat);
        }
        out.append("</article>\n");
    }

    private static void extras(StringBuilder out, Digest d) {
        if (!d.getPullRequests().isEmpty()) {
            out.append("<section>\n<h2>Pull requests</h2>\n<ul class=\"series\">\n");
            for (PullRequest pr : d.getPullRequests()) {
                out.append("<li>").append(link(oneLine(pr.getSubject()), ArchiveLinks.messageUrl(d.getArchiveUrl(), pr.getMessageId())))
                        .append(" <span class=\"meta\">").append(esc(person(pr.getAuthor()))).append("</span></li>\n");
            }
            out.append("</ul>\n</section>\n");
        }
        if (!d.getReviews().isEmpty()) {
            out.append("<section>\n<h2>Review activity</h2>\n<table>\n<thead><tr><th class=\"n\">Reviewed-by</th>")
                    .append("<th class=\"n\">Acked-by</th><th class=\"n\">Tested-by</th><th>Reviewer</th></tr></thead>\n<tbody>\n");
            for (ReviewActivity r : d.getReviews()) {
                out.append("<tr><td class=\"n\">").append(r.getReviewedBy()).append("</td><td class=\"n\">").append(r.getAckedBy())
                        .append("</td><td class=\"n\">").append(r.getTestedBy()).append("</td><td>")
                        .append(esc(person(r.getPerson()))).append("</td></tr>\n");
            }
            out.append("</tbody>\n</table>\n</section>\n");
        }
        if (!d.getThreads().isEmpty()) {
            out.append("<section>\n<h2>Busiest threads</h2>\n<table>\n<thead><tr><th class=\"n\">Replies</th><th>Thread</th></tr></thead>\n<tbody>\n");
            for (ThreadActivity t : d.getThreads()) {
                row(out, t.getReplies(), link(oneLine(t.getSubject()), ArchiveLinks.messageUrl(d.getArchiveUrl(), t.getRoot())));
            }
            out.append("</tbody>\n</table>\n</section>\n");
        }
        seriesActivity(out, d);
    }

    private static void seriesActivity(StringBuilder out, Digest d) {
        List<DigestWording.ActivityGroup> groups = DigestWording.seriesActivity(d);
        if (groups.isEmpty()) {
            return;
        }
        out.append("<section>\n<h2>Series activity</h2>\n");
        for (DigestWording.ActivityGroup group : groups) {
            activityGroup(out, d, group);
        }
        out.append("</section>\n");
    }

    private static void activityGroup(StringBuilder out, Digest d, DigestWording.ActivityGroup group) {
        out.append("<h3>").append(esc(group.title())).append("</h3>\n<ul class=\"series\">\n");
        for (SeriesActivity a : group.versions()) {
            out.append("<li><span class=\"tag\">").append(esc(DigestWording.activityTag(a))).append("</span>")
                    .append(link(oneLine(a.getSubject()), ArchiveLinks.messageUrl(d.getArchiveUrl(), a.getVersionId())))
                    .append(" <span class=\"meta\">").append(esc(oneLine(group.details().apply(a)))).append("</span></li>\n");
        }
        out.append("</ul>\n");
    }

    private static void footer(StringBuilder out, Digest d) {
        out.append("<footer>\nCommits <code>").append(esc(d.getRange().getFirst())).append("</code> to <code>")
                .append(esc(d.getRange().getLast())).append("</code>");
        if (d.getRange().getCommits() > 0) {
            out.append(" (").append(esc(DigestWording.plural(d.getRange().getCommits(), "commit", "commits"))).append(')');
        }
        String web = ArchiveLinks.webAddress(d.getArchiveUrl());
        out.append(" of ").append(web != null ? link(web, web) : esc(d.getArchive())).append(".");
        out.append(" Parse failures: ").append(d.getParseFailures()).append(".\n</footer>\n");
    }

    private static void pre(StringBuilder out, String cssClass, String text) {
        if (text != null) {
            out.append("<pre class=\"").append(cssClass).append("\">").append(esc(text)).append("</pre>\n");
        }
    }

    private static String link(String text, String url) {
        return url == null ? esc(text) : "<a href=\"" + esc(url) + "\">" + esc(text) + "</a>";
    }

    /** Escapes text for element content and quoted attribute values alike. */
    public static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
