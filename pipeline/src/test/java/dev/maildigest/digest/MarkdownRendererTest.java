package dev.maildigest.digest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.Digest;
import dev.maildigest.avro.PatchEntry;

class MarkdownRendererTest {
    private final MarkdownRenderer markdown = new MarkdownRenderer();

    @Test
    void wholeSampleMatchesItsGoldenFile() {
        Golden.assertMatches("gears.md", markdown.render(SampleDigests.gears()));
    }

    @Test
    void linksSubjectsToTheArchivePages() {
        String md = markdown.render(SampleDigests.gears());
        assertTrue(md.contains("### New: [sprocket: add a tooth counter]"
                + "(https://lists.example.org/gears/20261127051200.4410-2-ada@lindqvist.example/)"), md);
        assertTrue(md.contains("| 6 | [sprocket: count teeth before meshing gears]"
                + "(https://lists.example.org/gears/cover.1764230400.git.ada@lindqvist.example/) |"), md);
    }

    @Test
    void withoutAnArchiveUrlSubjectsAreTextOnly() {
        Digest noUrl = Digest.newBuilder(SampleDigests.gears()).setArchiveUrl(null).build();
        String md = markdown.render(noUrl);
        assertFalse(md.contains("](http"), md);
        assertTrue(md.contains("### New: sprocket: add a tooth counter\n"), md);
    }

    @Test
    void mailTextCannotBreakOutOfItsFenceOrTheTables() {
        PatchEntry tricky = PatchEntry.newBuilder(SampleDigests.gears().getPatches().get(0))
                .setSubject("[PATCH] docs: explain ``` fences | pipes and <b>tags</b>")
                .setCleanSubject("docs: explain ``` fences | pipes and <b>tags</b>")
                .setCommitMessage("Example:\n```\ncode\n```\n").build();
        Digest d = Digest.newBuilder(SampleDigests.gears()).setPatches(List.of(tricky)).build();
        String md = markdown.render(d);
        assertTrue(md.contains("docs: explain \\`\\`\\` fences \\| pipes and \\<b\\>tags\\</b\\>"), md);
        assertTrue(md.contains("````text\nExample:\n```\ncode\n```\n````\n"), "a longer fence than the text has:\n" + md);
    }
}
