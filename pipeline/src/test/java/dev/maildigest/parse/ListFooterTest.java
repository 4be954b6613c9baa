package dev.maildigest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Mailman's footer at the end of a body, and rules that are not one. */
class ListFooterTest {
    private static final String FOOTER = "_______________________________________________\n"
            + "counter-dev mailing list\ncounter-dev@lists.example.org\nhttps://lists.example.org/listinfo/counter-dev\n";

    @Test
    void footerStartsAtItsRule() {
        String text = "Reviewed-by: Rob Reviewer <rob@example.net>\n\n";
        assertEquals(text.length(), ListFooter.start(text + FOOTER));
    }

    @Test
    void aRuleNotFollowedByAListNameIsText() {
        String text = "a table\n____________________________\nrow one\n";
        assertEquals(text.length(), ListFooter.start(text));
    }

    @Test
    void onlyTheEndOfALongBodyIsSearched() {
        String early = "x\n" + FOOTER;
        String text = early + "y".repeat(5000) + "\n";
        assertEquals(text.length(), ListFooter.start(text));
    }

    @Test
    void bodyLinesStopAtTheFooter() {
        BodyLines lines = BodyLines.of("one\ntwo\n" + FOOTER);
        assertEquals(2, lines.count());
    }
}
