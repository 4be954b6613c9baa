package dev.maildigest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The header lines at the top of a body: a patch's author, or an attribution of a quote. */
class InBodyHeadersTest {

    private static InBodyHeaders read(String body) {
        return InBodyHeaders.read(BodyLines.of(body));
    }

    @Test
    void gitSendEmailAuthorDateAndSubject() {
        InBodyHeaders h = read("\nFrom: Ann Author <ann@example.com>\nDate: Mon, 19 Oct 2026 18:30:00 +0100\n"
                + "Subject: [PATCH] lib: a\n  folded subject\n\nThe commit message.\n");
        assertEquals("Ann Author <ann@example.com>", h.from);
        assertEquals("Mon, 19 Oct 2026 18:30:00 +0100", h.date);
        assertEquals("[PATCH] lib: a folded subject", h.subject);
        assertEquals(6, h.textStart, "the line after the blank one");
        assertFalse(h.attribution);
    }

    @Test
    void withoutTheBlankLineTheTextStartsRightAfter() {
        InBodyHeaders h = read("From: Ann Author <ann@example.com>\nThe commit message.\n");
        assertEquals("Ann Author <ann@example.com>", h.from);
        assertEquals(1, h.textStart);
        assertFalse(h.attribution);
    }

    @Test
    void outlookBlockIsAnAttribution() {
        InBodyHeaders h = read("From: Jane Doe <jane@example.org>\nSent: Tuesday, October 20, 2026 9:00 AM\n"
                + "To: list@example.org\nSubject: the patch\n\nthe original, unquoted\n");
        assertTrue(h.attribution);
        assertEquals(5, h.textStart);
    }

    @Test
    void fromAndDateBeforeAQuoteAreAnAttribution() {
        assertTrue(read("From: Jane Doe <jane@example.org>\nDate: Tue, 20 Oct 2026\n> quoted\n").attribution);
        assertTrue(read("From: Jane Doe <jane@example.org>\nDate: Tue, 20 Oct 2026\n\n> quoted\n").attribution);
    }

    @Test
    void aCommitMessageThatOpensWithToIsText() {
        InBodyHeaders h = read("To: make the counter faster, count in batches.\n");
        assertNull(h.from);
        assertEquals(0, h.textStart);
        assertFalse(h.attribution);
    }

    @Test
    void noHeadersNoTextStart() {
        InBodyHeaders h = read("Hello,\nFrom: here on it is text.\n");
        assertNull(h.from);
        assertEquals(0, h.textStart);
    }
}
