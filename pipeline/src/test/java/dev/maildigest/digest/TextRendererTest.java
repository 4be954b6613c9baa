package dev.maildigest.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.Contributor;
import dev.maildigest.avro.Digest;

class TextRendererTest {
    private final TextRenderer text = new TextRenderer();

    @Test
    void rendersTheReferenceTitlesAndTablesLineForLine() {
        String expected = Golden.read("reference-tables.txt");
        String actual = text.render(SampleDigests.referenceAuthors());
        List<String> expectedLines = expected.lines().toList();
        List<String> actualLines = actual.lines().limit(expectedLines.size()).toList();
        assertEquals(expectedLines, actualLines);
        assertTrue(actual.startsWith(expected), "the reference part is followed by our own sections only");
    }

    @Test
    void rendersANewPatchInTheLayoutOfTheReferenceEntries() {
        String actual = text.render(SampleDigests.gears());
        String entry = Golden.read("patch-entry.txt");
        assertTrue(actual.contains("===== Patch Commit Messages ====\n\n" + entry),
                "the single patch comes first, laid out as the reference entries:\n" + actual);
    }

    @Test
    void listsEverySeriesAndSinglePatchOnOneLine() {
        String actual = text.render(SampleDigests.gears());
        String list = between(actual, "===== Patch list in this time period =====\n\n", "\n\n===== Patch Commit Messages ====");
        assertEquals(List.of(
                "[PATCH v2] sprocket: count teeth before meshing gears (3 of 3 patches + cover letter, Ada Lindqvist)",
                "[PATCH] gearbox: fix an off-by-one in the ratio table (Chen Wu)",
                "[PATCH RFC net-next] cogs: let userspace choose the lubricant used for each cog through a new netlink"
                        + " attribute (2 of 5 patches, 1 of them in earlier digests, Dana Ruiz)"),
                list.lines().toList());
    }

    @Test
    void showsFoldedSubjectsWholeOnOneLine() {
        String actual = text.render(SampleDigests.gears());
        assertTrue(actual.contains("\nNew:  cogs: let userspace choose the lubricant used for each cog through a new netlink attribute\n"
                + "[RFC PATCH net-next 2/5] cogs: let userspace choose the lubricant used for each cog through a new netlink attribute\n"),
                actual);
    }

    @Test
    void showsOnlyNewPatchesInFull() {
        String actual = text.render(SampleDigests.gears());
        assertEquals(4, count(actual, "\nNew:  "), "single patch, cover letter, first patch, RFC patch");
        assertTrue(!actual.contains("refuse to mesh gears with uneven ratios\nAuthor"), "patch 2/3 is not shown in full");
        assertEquals(4, count(actual, "\n" + TextRenderer.SEPARATOR + "\n"));
    }

    @Test
    void coverLetterDiffstatFollowsItsShortlogWithoutARule() {
        String actual = text.render(SampleDigests.gears());
        assertTrue(actual.contains("""
                  docs: sprocket: describe the teeth attribute

                 Documentation/sprocket.rst |  9 +++++++++
                """), actual);
    }

    @Test
    void addsItsOwnSectionsAfterTheReferenceOnes() {
        String actual = text.render(SampleDigests.gears());
        String extras = actual.substring(actual.lastIndexOf(TextRenderer.SEPARATOR) + TextRenderer.SEPARATOR.length());
        assertEquals("""


                ===== Pull requests =====

                [GIT PULL] sprocket fixes for 2.7-rc3 (Eve Marsh <eve@marsh.example>)

                ===== Review activity (Reviewed-by, Acked-by, Tested-by given) =====

                      4  Bo Okafor <bo@okafor.example> (3 Reviewed-by, 1 Acked-by)
                      2  fay@iyer.example (2 Tested-by)

                ===== Busiest threads (replies in this time period) =====

                      6  sprocket: count teeth before meshing gears
                      2  gearbox: fix an off-by-one in the ratio table

                ===== Series activity =====

                New series and versions:
                  [PATCH v2] sprocket: count teeth before meshing gears
                        3 of 3 patches + cover letter, Ada Lindqvist, supersedes v1 of 2026-11-20; 1 Reviewed-by from Bo Okafor
                  [PATCH] cogs: let userspace choose the lubricant used for each cog through a new netlink attribute
                        2 of 5 patches, 1 of them in earlier digests, Dana Ruiz

                Reviews for patches posted earlier:
                  [PATCH] flywheel: keep the inertia in grams <not ounces> & say so
                        Eve Marsh, posted 2026-11-18: 2 Reviewed-by, 1 Tested-by from Bo Okafor, fay@iyer.example

                Applied:
                  [PATCH v3] axle: drop the unused torque hook
                        applied to gears/next by Eve Marsh: 4c1d2e3f4a5b, 9e8d7c6b5a4f

                ===== Summary =====

                Messages:       14
                Dates:          2026-11-26 21:04 to 2026-11-27 06:48 UTC
                Commits:        3f9c2a71d0b84e5f9a6c1b2d3e4f5a6b7c8d9e0f to b04e6d18a2c3f4e5d6b7a8c9d0e1f2a3b4c5d6e7 (15 commits)
                Archive:        https://lists.example.org/gears
                Parse failures: 1 (messages that could not be read; kept in the dead-letter topic)
                """, extras);
    }

    @Test
    void showsFifteenContributorsAtMost() {
        List<Contributor> twenty = IntStream.range(0, 20)
                .mapToObj(i -> SampleDigests.contributor("Person " + i, "p" + i + "@example.org", 20 - i)).toList();
        String actual = text.render(Digest.newBuilder(SampleDigests.gears()).setTopContributors(twenty).build());
        String table = between(actual, "Top 15 contributors (Based on Email Body)\n\n", "\n\n");
        assertEquals(15, table.lines().count(), table);
        assertTrue(table.endsWith("      6  Person 14 <p14@example.org>"), table);
    }

    @Test
    void leavesOutTheSeriesActivitySectionWhenNothingHappened() {
        String actual = text.render(Digest.newBuilder(SampleDigests.gears()).setSeriesActivity(List.of()).build());
        assertTrue(!actual.contains("Series activity"), actual);
    }

    @Test
    void wholeSampleMatchesItsGoldenFile() {
        Golden.assertMatches("gears.txt", text.render(SampleDigests.gears()));
    }

    @Test
    void emptyRangeKeepsTheReferenceSkeleton() {
        Digest empty = SampleDigests.base("0000000100000000000000000000000000000000", "0000000200000000000000000000000000000000")
                .setMessages(0).build();
        String actual = text.render(empty);
        assertTrue(actual.startsWith("""
                From 00000001 to 00000002
                Gears mailing list update from 00000001 to 00000002

                Top 15 contributor Email domains (Based on Email Body)


                Top 15 contributors (Based on Email Body)


                ===== Patch list in this time period =====


                ===== Patch Commit Messages ====

                ===== Summary =====
                """), actual);
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
