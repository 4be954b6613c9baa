package dev.maildigest.serve;

import static dev.maildigest.digest.HtmlRenderer.esc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import dev.maildigest.avro.Digest;
import dev.maildigest.digest.DigestFormat;
import dev.maildigest.digest.HtmlRenderer;

/**
 * The HTML pages of {@code serve}: the front page, a list's index, and a digest (the HTML
 * renderer's page with a navigation bar). Every string that comes from mail or from the stores is
 * escaped; the only style is two fixed style elements, which the Content-Security-Policy names
 * by hash, so the pages need no 'unsafe-inline' and run no script.
 */
final class Pages {
    /** Index pages show this many digests; older ones are a link away. */
    static final int PAGE_SIZE = 50;

    private static final String NAV_STYLE = """

            nav.serve { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; padding: .2rem 0 .8rem; margin-bottom: 1rem;
              border-bottom: 1px solid var(--line); font-size: .95rem; }
            nav.serve .formats { margin-left: auto; }
            td.date { white-space: nowrap; }
            .pager { margin-top: 1.2rem; }
            """;
    /** The Content-Security-Policy of every HTML page: no script, nothing loaded from anywhere. */
    static final String CSP = "default-src 'none'; style-src " + hash(HtmlRenderer.styleSheet()) + " " + hash(NAV_STYLE)
            + "; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String DIGEST_PAGE_START = "<div class=\"page\">\n";

    private Pages() {
    }

    static String home(List<ListSummary> lists, boolean incomplete) {
        StringBuilder out = start("Mailing lists followed", "");
        out.append("<header>\n<h1>Mailing lists followed</h1>\n<p class=\"range\">")
                .append(lists.size() == 1 ? "1 list" : lists.size() + " lists").append("</p>\n</header>\n");
        if (incomplete) {
            out.append("<p class=\"note\">Some instances did not answer: lists they serve are missing here.</p>\n");
        }
        if (lists.isEmpty()) {
            out.append("<p class=\"note\">No digests yet.</p>\n");
        } else {
            out.append("<table>\n<thead><tr><th>List</th><th class=\"n\">Digests</th><th class=\"n\">Messages</th>")
                    .append("<th class=\"n\">Patches</th><th>Last digest (UTC)</th></tr></thead>\n<tbody>\n");
            for (ListSummary l : lists) {
                out.append("<tr><td><a href=\"").append(esc(Links.list(l.list()))).append("\">").append(esc(l.listName()))
                        .append("</a> <span class=\"meta\">").append(esc(l.list())).append("</span></td>")
                        .append("<td class=\"n\">").append(l.digests()).append("</td><td class=\"n\">").append(l.messages())
                        .append("</td><td class=\"n\">").append(l.patches()).append("</td><td class=\"date\">");
                if (l.lastRange() != null) {
                    out.append("<a href=\"").append(esc(Links.digest(l.list(), l.lastRange()))).append("\">")
                            .append(esc(date(l.lastDate()))).append("</a>");
                }
                out.append("</td></tr>\n");
            }
            out.append("</tbody>\n</table>\n");
        }
        return end(out);
    }

    /**
     * @param older cursor of the last digest shown when there are older ones, else null
     */
    static String index(ListSummary list, List<DigestSummary> digests, boolean firstPage, String older) {
        StringBuilder out = start(list.listName() + " digests", feedLink(list.list(), list.listName()));
        out.append("<nav class=\"serve\"><a href=\"/\">All lists</a><a href=\"").append(esc(Links.feed(list.list())))
                .append("\">Atom feed</a></nav>\n");
        out.append("<header>\n<h1>").append(esc(list.listName())).append(" digests</h1>\n<ul class=\"facts\">\n")
                .append("<li><b>").append(list.digests()).append("</b> ").append(list.digests() == 1 ? "digest" : "digests").append("</li>\n")
                .append("<li><b>").append(list.messages()).append("</b> messages</li>\n")
                .append("<li><b>").append(list.patches()).append("</b> patches</li>\n</ul>\n</header>\n");
        if (!firstPage) {
            out.append("<p><a href=\"").append(esc(Links.list(list.list()))).append("\">Newest digests</a></p>\n");
        }
        out.append("<table>\n<thead><tr><th>Messages dated (UTC)</th><th>Commits</th><th class=\"n\">Messages</th>")
                .append("<th class=\"n\">Patches</th><th class=\"n\">Series</th></tr></thead>\n<tbody>\n");
        for (DigestSummary d : digests) {
            out.append("<tr><td class=\"date\">").append(esc(dates(d.dateFrom(), d.dateTo()))).append("</td><td><a href=\"")
                    .append(esc(Links.digest(list.list(), d.range()))).append("\"><code>").append(esc(d.range()))
                    .append("</code></a></td><td class=\"n\">").append(d.messages()).append("</td><td class=\"n\">")
                    .append(d.patches()).append("</td><td class=\"n\">").append(d.series()).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        if (older != null) {
            out.append("<p class=\"pager\"><a rel=\"next\" href=\"").append(esc(Links.olderThan(list.list(), older)))
                    .append("\">Older digests</a></p>\n");
        }
        return end(out);
    }

    /** The HTML renderer's page of {@code digest}, with links to its list, its neighbours and its other formats. */
    static String digest(Digest digest, DigestSummary older, DigestSummary newer) {
        String list = digest.getList();
        String range = digest.getFirstShort() + ".." + digest.getLastShort();
        StringBuilder nav = new StringBuilder("<nav class=\"serve\">");
        nav.append("<a href=\"").append(esc(Links.list(list))).append("\">All ").append(esc(digest.getListName()))
                .append(" digests</a>");
        if (older != null) {
            nav.append("<a rel=\"prev\" href=\"").append(esc(Links.digest(list, older.range()))).append("\">&larr; Older</a>");
        }
        if (newer != null) {
            nav.append("<a rel=\"next\" href=\"").append(esc(Links.digest(list, newer.range()))).append("\">Newer &rarr;</a>");
        }
        nav.append("<span class=\"formats\">");
        for (DigestFormat format : List.of(DigestFormat.TEXT, DigestFormat.MARKDOWN, DigestFormat.JSON)) {
            nav.append("<a href=\"").append(esc(Links.digestAs(list, range, format.extension()))).append("\">.")
                    .append(format.extension()).append("</a> ");
        }
        nav.append("<a href=\"").append(esc(Links.feed(list))).append("\">Atom feed</a></span></nav>\n");
        String page = DigestFormat.HTML.render(digest);
        // Mail text in the page is escaped, so these two tags occur once each: the renderer's own.
        return page.replace("</head>", "<style>" + NAV_STYLE + "</style>\n" + feedLink(list, digest.getListName()) + "</head>")
                .replace(DIGEST_PAGE_START, DIGEST_PAGE_START + nav);
    }

    static String date(Long millis) {
        return millis == null ? "no date" : MINUTE.format(Instant.ofEpochMilli(millis));
    }

    static String dates(Long from, Long to) {
        if (from == null || to == null || from.equals(to)) {
            return date(from != null ? from : to);
        }
        return date(from) + " to " + date(to);
    }

    /** Lets browsers and feed readers find the list's feed from its pages. */
    private static String feedLink(String list, String listName) {
        return "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" + esc(listName + " digests")
                + "\" href=\"" + esc(Links.feed(list)) + "\">\n";
    }

    private static StringBuilder start(String title, String headExtra) {
        StringBuilder out = new StringBuilder(8192);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n")
                .append("<style>").append(HtmlRenderer.styleSheet()).append("</style>\n")
                .append("<style>").append(NAV_STYLE).append("</style>\n").append(headExtra)
                .append("</head>\n<body>\n<div class=\"page\">\n");
        return out;
    }

    private static String end(StringBuilder out) {
        return out.append("</div>\n</body>\n</html>\n").toString();
    }

    /** A CSP source naming one exact style element's text. */
    private static String hash(String styleText) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(styleText.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(sha) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
