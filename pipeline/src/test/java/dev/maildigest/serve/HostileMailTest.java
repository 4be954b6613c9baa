package dev.maildigest.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import dev.maildigest.avro.Address;
import dev.maildigest.avro.Digest;
import dev.maildigest.digest.ArchiveLinks;

/**
 * Mail text is written by anyone: subjects, names and Message-IDs that try to become markup, a
 * script link, the end of a CDATA section or a path that climbs. Every page kind and the feed show
 * them as text, and contain no live markup.
 */
class HostileMailTest {
    static final String SCRIPT = "<script>alert(1)</script> gears";
    static final String IMG = "\"><img src=x onerror=alert(2)> cogs";
    static final String JS_LINK = "javascript:alert(3)";
    static final String CDATA_END = "]]><evil/> sprockets";
    static final String CLIMBING_ID = "../../../etc/passwd";
    static final String CONTROL = "bell\u0007 and nul\u0000 in a subject";

    /** One list, three digests whose subjects, names and Message-IDs are hostile. */
    static ServeFixtures hostile() {
        ServeFixtures f = new ServeFixtures();
        Address mallory = ServeFixtures.address(IMG, "mallory@evil.example");
        Address js = ServeFixtures.address(JS_LINK, "js@evil.example");
        f.publish(ServeFixtures.digest("gears", "a".repeat(40), "b".repeat(40), ServeFixtures.DAY_ONE, ServeFixtures.DAY_ONE,
                SCRIPT, mallory, CLIMBING_ID));
        f.publish(ServeFixtures.digest("gears", "c".repeat(40), "d".repeat(40), ServeFixtures.DAY_ONE.plusSeconds(60),
                ServeFixtures.DAY_ONE.plusSeconds(60), CDATA_END + " " + JS_LINK, js, "<" + JS_LINK + ">"));
        f.publish(ServeFixtures.digest("gears", "e".repeat(40), "f".repeat(40), ServeFixtures.DAY_ONE.plusSeconds(120),
                ServeFixtures.DAY_ONE.plusSeconds(120), CONTROL + " " + IMG, mallory, "\"><script>x</script>@evil.example"));
        return f;
    }

    @Test
    void digestPagesShowHostileTextAsText() {
        try (ServeFixtures f = hostile()) {
            Document page = PageChecks.html(Site.listPage(Route.parse("/gears/aaaaaaaa..bbbbbbbb/"), null, f.stores()).body());
            PageChecks.assertNoLiveMarkup(page);
            assertTrue(page.select("h3").eachText().contains(SCRIPT), "the subject, as text");
            assertTrue(page.text().contains(IMG + " <mallory@evil.example>"), "the author's name, as text");

            Document js = PageChecks.html(Site.listPage(Route.parse("/gears/cccccccc..dddddddd/"), null, f.stores()).body());
            PageChecks.assertNoLiveMarkup(js);
            assertTrue(js.select("h3").eachText().contains(CDATA_END + " " + JS_LINK));
            assertTrue(js.select("a").eachAttr("href").stream().noneMatch(href -> href.toLowerCase().contains("javascript:")
                    && !href.startsWith("https://")), "no javascript: link");

            PageChecks.assertNoLiveMarkup(PageChecks.html(Site.listPage(Route.parse("/gears/eeeeeeee..ffffffff/"), null, f.stores()).body()));
        }
    }

    @Test
    void aMessageIdThatClimbsStaysOneSegmentOfTheArchive() {
        try (ServeFixtures f = hostile()) {
            Document page = PageChecks.html(Site.listPage(Route.parse("/gears/aaaaaaaa..bbbbbbbb/"), null, f.stores()).body());
            List<String> archiveLinks = page.select("h3 a").eachAttr("href");
            assertEquals(List.of("https://lists.example.org/gears/..%2F..%2F..%2Fetc%2Fpasswd/"), archiveLinks);
            URI resolved = URI.create(archiveLinks.get(0)).normalize();
            assertTrue(resolved.getPath().startsWith("/gears/"), "still below the archive: " + resolved);
        }
    }

    @Test
    void aMessageIdOfDotsAloneIsNotADotSegment() {
        assertEquals("https://lists.example.org/gears/%2E%2E/", ArchiveLinks.messageUrl("https://lists.example.org/gears", "<..>"));
        assertEquals("https://lists.example.org/gears/%2E/", ArchiveLinks.messageUrl("https://lists.example.org/gears", "."));
    }

    @Test
    void indexAndFrontPageShowNoMarkupFromMail() {
        try (ServeFixtures f = hostile()) {
            PageChecks.assertNoLiveMarkup(PageChecks.html(Site.listPage(Route.parse("/gears/"), null, f.stores()).body()));
            PageChecks.assertNoLiveMarkup(PageChecks.html(Pages.home(f.stores().allLists(), false)));
        }
    }

    @Test
    void theFeedIsWellFormedAndItsContentHasNoLiveMarkup() {
        try (ServeFixtures f = hostile()) {
            String text = Site.listPage(Route.parse("/gears/atom.xml"), null, f.stores()).body();
            var feed = PageChecks.xml(text);
            assertTrue(PageChecks.texts(feed, "evil").isEmpty());
            assertEquals(0, feed.getElementsByTagName("evil").getLength(), "]]> did not end anything: no element from mail");
            List<String> contents = PageChecks.texts(feed, "content");
            assertEquals(3, contents.size());
            for (String content : contents) {
                Document html = PageChecks.html(content);
                PageChecks.assertNoLiveMarkup(html);
            }
            assertTrue(PageChecks.html(contents.get(1)).select("h3").eachText().contains(CDATA_END + " " + JS_LINK));
            assertTrue(PageChecks.html(contents.get(0)).select("h3").eachText().contains("bell and nul in a subject " + IMG),
                    "characters XML cannot carry are dropped, the rest kept");
        }
    }

    @Test
    void pathsThatClimbOrHideSlashesNameNoPage() {
        for (String path : List.of("/../etc/passwd", "/%2e%2e/", "/%2E%2E/atom.xml", "/./", "/gears/../../etc/passwd",
                "/gears%2F..%2F/", "/gears/%2e%2e/", "//etc/passwd/", "/gears/aaaaaaaa..bbbbbbbb/../x", "/%00/", "/%ff/",
                "/gears/aaaaaaaa..bbbbbbbb.exe", "/-/")) {
            assertNull(Route.parse(path), path);
        }
        assertEquals("ge ars", Route.parse("/ge%20ars/").list());
        assertEquals(Route.Kind.DIGEST, Route.parse("/gears/aaaaaaaa..bbbbbbbb.json").kind());
    }
}
