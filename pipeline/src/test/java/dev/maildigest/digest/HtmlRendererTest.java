package dev.maildigest.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.Digest;
import dev.maildigest.avro.PatchEntry;
import dev.maildigest.avro.SeriesActivity;

class HtmlRendererTest {
    private final HtmlRenderer html = new HtmlRenderer();

    /** Also leaves the page in target/ for scripts/html-screenshot.sh to open in a browser. */
    @Test
    void wholeSampleMatchesItsGoldenFile() throws IOException {
        String page = html.render(SampleDigests.gears());
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/digest-sample.html"), page);
        Golden.assertMatches("gears.html", page);
    }

    @Test
    void isSelfContained() {
        String page = html.render(SampleDigests.gears());
        assertFalse(Pattern.compile("<script|<link|<img|@import|src=", Pattern.CASE_INSENSITIVE).matcher(page).find(), page);
        assertTrue(page.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        assertTrue(page.contains("<meta charset=\"utf-8\">"));
    }

    @Test
    void linksEveryMessageToItsArchivePage() {
        String page = html.render(SampleDigests.gears());
        List<String> hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(page).results().map(m -> m.group(1)).toList();
        assertEquals(List.of(
                // patch list: the cover letter or first patch of each series
                "https://lists.example.org/gears/cover.1764230400.git.ada@lindqvist.example/",
                "https://lists.example.org/gears/20261126210400.991-1-bo@okafor.example/",
                "https://lists.example.org/gears/20261127064800.3120-3-dana@ruiz.example/",
                // new patches, in archive order
                "https://lists.example.org/gears/20261126210400.991-1-bo@okafor.example/",
                "https://lists.example.org/gears/cover.1764230400.git.ada@lindqvist.example/",
                "https://lists.example.org/gears/20261127051200.4410-2-ada@lindqvist.example/",
                "https://lists.example.org/gears/20261127064800.3120-3-dana@ruiz.example/",
                // pull request, threads
                "https://lists.example.org/gears/pull-2.7-rc3@marsh.example/",
                "https://lists.example.org/gears/cover.1764230400.git.ada@lindqvist.example/",
                "https://lists.example.org/gears/20261126210400.991-1-bo@okafor.example/",
                // series activity: each version by its id (cover letter, else first patch seen)
                "https://lists.example.org/gears/cover.1764230400.git.ada@lindqvist.example/",
                "https://lists.example.org/gears/20261126180000.3000-2-dana@ruiz.example/",
                "https://lists.example.org/gears/20261118093000.77-1-eve@marsh.example/",
                "https://lists.example.org/gears/cover.1763800000.git.chen.wu@gearworks.example/",
                // the archive itself
                "https://lists.example.org/gears"), hrefs);
    }

    @Test
    void escapesEverythingFromMail() {
        PatchEntry hostile = PatchEntry.newBuilder(SampleDigests.gears().getPatches().get(0))
                .setSubject("[PATCH] <script>alert(1)</script> & \"quotes\"")
                .setCleanSubject("<script>alert(1)</script> & \"quotes\"")
                .setMessageId("a\"><script>x</script>@example")
                .setCommitMessage("if (a < b && c > d) return;\n</pre><h1>not a heading</h1>\n").build();
        Digest d = Digest.newBuilder(SampleDigests.gears()).setPatches(List.of(hostile))
                .setListName("<i>Gears</i>").build();
        String page = html.render(d);
        assertFalse(page.contains("<script"), page);
        assertFalse(page.contains("<i>Gears"), page);
        assertFalse(page.contains("</pre><h1>"), page);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"), page);
        assertTrue(page.contains("if (a &lt; b &amp;&amp; c &gt; d) return;"), page);
        assertTrue(page.contains("href=\"https://lists.example.org/gears/a%22%3E%3Cscript%3Ex%3C%2Fscript%3E@example/\""), page);
    }

    @Test
    void escapesEverythingFromMailInTheSeriesActivity() {
        List<SeriesActivity> hostile = SampleDigests.seriesActivity().stream().map(a -> {
            SeriesActivity copy = SeriesActivity.newBuilder(a).setSubject("<script>s()</script>")
                    .setAuthor(SampleDigests.address("<b>Ada</b>", "ada@lindqvist.example"))
                    .setVersionId("v\"><script>x</script>@example").build();
            if (copy.getApplied() != null) {
                copy.getApplied().getNotice().setWhere("<img src=x onerror=y()>");
            }
            return copy;
        }).toList();
        String page = html.render(Digest.newBuilder(SampleDigests.gears()).setSeriesActivity(hostile).build());
        assertFalse(page.contains("<script"), page);
        assertFalse(page.contains("<b>Ada"), page);
        assertFalse(page.contains("<img"), page);
        assertTrue(page.contains("applied to &lt;img src=x onerror=y()&gt; by Eve Marsh"), page);
    }

    @Test
    void archiveUrlThatIsNotAWebAddressGivesNoLinks() {
        Digest d = Digest.newBuilder(SampleDigests.gears()).setArchiveUrl("javascript:alert(1)//").build();
        String page = html.render(d);
        assertFalse(page.contains("href="), page);
    }
}
