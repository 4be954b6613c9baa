package dev.maildigest.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import dev.maildigest.avro.Digest;

/** What each page kind shows, parsed as HTML or XML. */
class PagesTest {

    private static Page get(ServeStores stores, String path, String before) {
        return Site.listPage(Route.parse(path), before, stores);
    }

    @Test
    void theIndexShowsFiftyDigestsNewestFirstAndLinksToOlderOnes() {
        try (ServeFixtures f = new ServeFixtures()) {
            for (int n = 0; n < 60; n++) {
                f.publish(ServeFixtures.nth("gears", n));
            }
            Page first = get(f.stores(), "/gears/", null);
            assertEquals(200, first.status());
            Document page = PageChecks.html(first.body());
            assertEquals("GEARS digests", page.selectFirst("h1").text());
            List<String> ranges = page.select("tbody tr td:nth-child(2)").eachText();
            assertEquals(50, ranges.size());
            Digest newest = ServeFixtures.nth("gears", 59);
            assertEquals(newest.getFirstShort() + ".." + newest.getLastShort(), ranges.get(0));
            assertEquals("2026-03-03 18:30 to 2026-03-03 19:00", page.select("tbody tr td.date").first().text());
            String older = page.selectFirst("a[rel=next]").attr("href");
            String cursor = older.substring(older.indexOf("?before=") + "?before=".length());

            Document second = PageChecks.html(get(f.stores(), "/gears/", cursor).body());
            List<String> rest = second.select("tbody tr td:nth-child(2)").eachText();
            assertEquals(10, rest.size(), "the 10 oldest");
            Digest oldest = ServeFixtures.nth("gears", 0);
            assertEquals(oldest.getFirstShort() + ".." + oldest.getLastShort(), rest.get(9));
            assertTrue(second.select("a[rel=next]").isEmpty(), "no older page after the oldest");
            assertEquals(404, get(f.stores(), "/gears/", "garbage").status());
        }
    }

    @Test
    void aDigestPageLinksItsNeighboursAndItsOtherFormats() {
        try (ServeFixtures f = new ServeFixtures()) {
            for (int n = 0; n < 3; n++) {
                f.publish(ServeFixtures.nth("gears", n));
            }
            Digest d = ServeFixtures.nth("gears", 1);
            String range = d.getFirstShort() + ".." + d.getLastShort();
            Page page = get(f.stores(), "/gears/" + range + "/", null);
            assertEquals(200, page.status());
            Document html = PageChecks.html(page.body());
            assertEquals("GEARS mailing list update", html.selectFirst("h1").text());
            Digest older = ServeFixtures.nth("gears", 0);
            Digest newer = ServeFixtures.nth("gears", 2);
            assertEquals("/gears/" + older.getFirstShort() + ".." + older.getLastShort() + "/", html.selectFirst("a[rel=prev]").attr("href"));
            assertEquals("/gears/" + newer.getFirstShort() + ".." + newer.getLastShort() + "/", html.selectFirst("a[rel=next]").attr("href"));
            assertEquals(List.of("/gears/" + range + ".txt", "/gears/" + range + ".md", "/gears/" + range + ".json", "/gears/atom.xml"),
                    html.select("nav.serve .formats a").eachAttr("href"));
            PageChecks.assertNoLiveMarkup(html);
            assertEquals("/gears/atom.xml", html.selectFirst("link[rel=alternate][type=application/atom+xml]").attr("href"),
                    "the feed is found from the page");

            assertTrue(get(f.stores(), "/gears/" + range + ".txt", null).body().contains("GEARS mailing list update from " + d.getFirstShort()));
            assertTrue(get(f.stores(), "/gears/" + range + ".md", null).body().contains("cogs: tune gear 1"));
            assertTrue(get(f.stores(), "/gears/" + range + ".json", null).body().contains("\"cogs: tune gear 1\""));
            assertEquals("application/json; charset=utf-8", get(f.stores(), "/gears/" + range + ".json", null).contentType());
            assertEquals(404, get(f.stores(), "/gears/" + range.replace('1', '7') + "/", null).status());
            assertEquals(404, get(f.stores(), "/nosuchlist/", null).status());
        }
    }

    @Test
    void theFeedHasOneEntryPerDigestWithStableIdsAndTheLastMessageDate() {
        try (ServeFixtures f = new ServeFixtures()) {
            for (int n = 0; n < 25; n++) {
                f.publish(ServeFixtures.nth("gears", n));
            }
            Page page = get(f.stores(), "/gears/atom.xml", null);
            assertEquals("application/atom+xml; charset=utf-8", page.contentType());
            var feed = PageChecks.xml(page.body());
            assertEquals("feed", feed.getDocumentElement().getLocalName());
            List<String> updated = PageChecks.texts(feed, "updated");
            assertEquals(1 + AtomFeed.ENTRIES, updated.size(), "the feed's updated, then one per entry: the newest 20");
            Digest newest = ServeFixtures.nth("gears", 24);
            assertEquals(newest.getDateTo().toString(), updated.get(0));
            assertEquals(newest.getDateTo().toString(), updated.get(1));
            List<String> titles = PageChecks.texts(feed, "title");
            assertEquals("GEARS mailing list update from " + newest.getFirstShort() + " to " + newest.getLastShort(), titles.get(1));
            List<String> ids = PageChecks.texts(feed, "id");
            assertEquals(ids.size(), ids.stream().distinct().count(), "ids differ");

            f.publish(ServeFixtures.nth("gears", 25));
            List<String> later = PageChecks.texts(PageChecks.xml(get(f.stores(), "/gears/atom.xml", null).body()), "id");
            assertEquals(ids.get(1), later.get(2), "an entry keeps its id when newer ones come");
            assertEquals(ids.get(0), later.get(0), "so does the feed");

            String content = PageChecks.texts(feed, "content").get(0);
            Document entry = PageChecks.html(content);
            assertNotNull(entry.selectFirst("div.page h1"));
            PageChecks.assertNoLiveMarkup(entry);
        }
    }

    @Test
    void aFeedReaderThatHasTheFeedGetsNotModifiedUntilANewDigestComes() {
        try (ServeFixtures f = new ServeFixtures()) {
            FeedCache feeds = new FeedCache();
            f.publish(ServeFixtures.nth("gears", 0));
            Page first = Site.listPage(Route.parse("/gears/atom.xml"), null, null, f.stores(), feeds);
            String etag = first.headers().get("ETag");
            assertEquals(200, first.status());
            assertEquals(304, Site.listPage(Route.parse("/gears/atom.xml"), null, etag, f.stores(), feeds).status());
            assertEquals(304, Site.listPage(Route.parse("/gears/atom.xml"), null, "W/" + etag + ", \"x\"", f.stores(), feeds).status());

            f.publish(ServeFixtures.nth("gears", 1));
            Page later = Site.listPage(Route.parse("/gears/atom.xml"), null, etag, f.stores(), feeds);
            assertEquals(200, later.status(), "a new digest: the whole feed again");
            assertNotEquals(etag, later.headers().get("ETag"));
            assertEquals(2, PageChecks.texts(PageChecks.xml(later.body()), "entry").size(), "not the feed kept before");
        }
    }

    @Test
    void theFrontPageListsEachListWithItsNewestDigest() {
        try (ServeFixtures f = new ServeFixtures()) {
            f.publish(ServeFixtures.nth("gears", 0));
            f.publish(ServeFixtures.nth("gears", 1));
            f.publish(ServeFixtures.nth("cogs", 4));
            Document home = PageChecks.html(Pages.home(f.stores().allLists(), false));
            assertEquals(List.of("COGS cogs", "GEARS gears"), home.select("tbody tr td:first-child").eachText());
            assertEquals(List.of("1", "3", "1"), home.select("tbody tr").get(0).select("td.n").eachText());
            Digest newest = ServeFixtures.nth("gears", 1);
            assertEquals("/gears/" + newest.getFirstShort() + ".." + newest.getLastShort() + "/",
                    home.select("tbody tr").get(1).selectFirst("td.date a").attr("href"));
            PageChecks.assertNoLiveMarkup(home);
        }
    }
}
