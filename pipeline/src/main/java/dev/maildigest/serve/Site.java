package dev.maildigest.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.maildigest.avro.Digest;
import dev.maildigest.digest.DigestFormat;

/** The pages of one list, answered from the serve stores of the partition that holds the list. */
final class Site {
    private Site() {
    }

    /** A page as a client that keeps no copy asks for it, rendered afresh. */
    static Page listPage(Route route, String before, ServeStores stores) {
        return listPage(route, before, null, stores, new FeedCache());
    }

    /**
     * @param before      the {@code before} query parameter of an index page, or null
     * @param ifNoneMatch the request's If-None-Match, or null
     */
    static Page listPage(Route route, String before, String ifNoneMatch, ServeStores stores, FeedCache feeds) {
        ListSummary list = stores.list(route.list());
        if (list == null) {
            return Page.notFound("no digests of list " + route.list());
        }
        return switch (route.kind()) {
            case LIST_REDIRECT -> Page.redirect(Links.list(route.list()));
            case INDEX -> index(list, before, stores);
            case FEED -> feed(list, ifNoneMatch, stores, feeds);
            case DIGEST -> digest(route, stores);
            default -> throw new IllegalArgumentException("not a list page: " + route);
        };
    }

    private static Page index(ListSummary list, String before, ServeStores stores) {
        String below = null;
        if (before != null) {
            below = StoreKeys.fromCursor(list.list(), before);
            if (below == null) {
                return Page.notFound("no such page of list " + list.list());
            }
        }
        List<DigestSummary> page = stores.newest(list.list(), below, Pages.PAGE_SIZE + 1);
        String older = null;
        if (page.size() > Pages.PAGE_SIZE) {
            page = page.subList(0, Pages.PAGE_SIZE);
            older = StoreKeys.cursor(page.get(page.size() - 1).indexKey());
        }
        return Page.ok(Page.HTML, Pages.index(list, page, below == null, older));
    }

    /** The feed, with an ETag of the list's version: a reader that has it gets 304 and no body. */
    private static Page feed(ListSummary list, String ifNoneMatch, ServeStores stores, FeedCache feeds) {
        String etag = "\"" + list.updates() + "\"";
        if (matches(ifNoneMatch, etag)) {
            return new Page(304, AtomFeed.CONTENT_TYPE, "", Map.of("ETag", etag));
        }
        Page page = feeds.get(list.list(), list.updates(), () -> renderFeed(list, stores));
        return new Page(page.status(), page.contentType(), page.body(), Map.of("ETag", etag));
    }

    /** Whether an If-None-Match value ({@code "5"}, {@code W/"5"}, a list of them, or *) names {@code etag}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static Page renderFeed(ListSummary list, ServeStores stores) {
        List<Digest> digests = new ArrayList<>();
        for (DigestSummary s : stores.newest(list.list(), null, AtomFeed.ENTRIES)) {
            Digest d = stores.digest(s.indexKey());
            if (d != null) {
                digests.add(d);
            }
        }
        return Page.ok(AtomFeed.CONTENT_TYPE, AtomFeed.render(list, digests));
    }

    private static Page digest(Route route, ServeStores stores) {
        String key = stores.indexKey(route.list(), route.first(), route.last());
        Digest digest = key == null ? null : stores.digest(key);
        if (digest == null) {
            return Page.notFound("no digest " + route.first() + ".." + route.last() + " of list " + route.list());
        }
        DigestFormat format = route.format();
        if (format == DigestFormat.HTML) {
            return Page.ok(Page.HTML, Pages.digest(digest, stores.older(route.list(), key), stores.newer(route.list(), key)));
        }
        String type = switch (format) {
            case JSON -> "application/json; charset=utf-8";
            case MARKDOWN -> "text/markdown; charset=utf-8";
            default -> Page.TEXT;
        };
        return Page.ok(type, format.render(digest));
    }
}
