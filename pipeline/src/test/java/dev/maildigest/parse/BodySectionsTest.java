package dev.maildigest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where the parts of a body are. */
class BodySectionsTest {

    private static BodySections find(String body) {
        return BodySections.find(BodyLines.of(body), 0);
    }

    @Test
    void patchWithNotesAndDiffstat() {
        BodySections s = find("""
                Commit message.

                Signed-off-by: Jane Doe <jane@example.org>
                ---
                v2: rebased
                ---
                 lib/counter.c | 3 ++-
                 1 file changed, 2 insertions(+), 1 deletion(-)

                diff --git a/lib/counter.c b/lib/counter.c
                """);
        assertEquals(3, s.separator);
        assertEquals(6, s.statStart);
        assertEquals(7, s.statSummary);
        assertEquals(8, s.statEnd);
        assertEquals(-1, s.diffStart); // the scan stops at the diffstat
    }

    @Test
    void diffWithoutDiffstat() {
        BodySections s = find("Message.\n---\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n");
        assertEquals(1, s.separator);
        assertEquals(2, s.diffStart);
        assertEquals(-1, s.statSummary);
        assertEquals(2, s.textEnd(BodyLines.of("Message.\n---\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n")));
    }

    @Test
    void plainAndSvnDiffsStartWhereTheirFileHeadersDo() {
        assertEquals(1, find("Message.\n--- a/x\n+++ b/x\n").diffStart);
        assertEquals(1, find("Message.\nIndex: x\n=====\n").diffStart);
    }

    @Test
    void aQuotedDiffIsNotADiff() {
        BodySections s = find("> diff --git a/x b/x\n> --- a/x\n> +++ b/x\n>  1 file changed, 1 insertion(+)\n\nLooks fine.\n");
        assertEquals(-1, s.diffStart);
        assertEquals(-1, s.statSummary);
    }

    @Test
    void aSignatureEndsTheText() {
        String body = "Thanks.\n-- \nJane\n";
        BodySections s = find(body);
        assertEquals(1, s.signature);
        assertEquals(1, s.textEnd(BodyLines.of(body)));
    }
}
