package dev.maildigest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.Trailer;

/** Which lines are trailers, and whom they name. */
class TrailerParserTest {

    private static List<Trailer> trailers(String text, boolean reply) {
        BodyLines lines = BodyLines.of(text);
        List<Trailer> out = new ArrayList<>();
        TrailerParser.collect(lines, 0, lines.count(), reply, out);
        return out;
    }

    /** "Name: email" of each trailer ("-" when it names no address). */
    private static List<String> named(String text, boolean reply) {
        return trailers(text, reply).stream()
                .map(t -> t.getName() + ": " + (t.getPerson() == null ? "-" : t.getPerson().getEmail()))
                .toList();
    }

    @Test
    void namesAreCanonicalWhateverTheCaseWritten() {
        assertEquals(List.of("Reviewed-by: rob@example.net", "Signed-off-by: jane@example.org"),
                named("reviewed-BY: Rob Reviewer <rob@example.net>\nSIGNED-OFF-BY: Jane Doe <jane@example.org>\n", false));
    }

    @Test
    void htmlMailLinkAfterTheAddressIsDropped() {
        List<Trailer> t = trailers("Reviewed-by: Hana Html <hana@example.com<mailto:hana@example.com>>\n", true);
        assertEquals("hana@example.com", t.get(0).getPerson().getEmail());
        assertEquals("Hana Html", t.get(0).getPerson().getName());
    }

    @Test
    void anAddressWrappedOntoTheNextLineIsJoined() {
        assertEquals(List.of("Reviewed-by: wendy@example.com", "Tested-by: tim.tester@example.net"),
                named("Reviewed-by: Wendy With A Very Long Name\n <wendy@example.com>\n"
                        + "Tested-by: Tim Tester <tim.tester@\nexample.net>\n", true));
    }

    @Test
    void aNameWithoutAddressFollowedByTextIsNotJoined() {
        assertEquals(List.of("Reported-by: -"), named("Reported-by: the nightly build\nwhich broke twice.\n", false));
    }

    @Test
    void linesThatOnlyLookLikeTrailersAreNotCounted() {
        assertEquals(List.of("Fixes: -", "Link: -"),
                named("Fixes: ?\nAcked-by: ?\nFixes: the race in the counter\n"
                        + "Fixes: 0123456789ab (\"lib: counter: start at zero\")\n"
                        + "Link: see last week's thread\nLink: https://lists.example.org/r/1234\n", true));
    }

    @Test
    void quotedTrailersAreSomeoneElsesInAReply() {
        assertEquals(List.of("Acked-by: max@example.com"),
                named("> Signed-off-by: Jane Doe <jane@example.org>\n\nAcked-by: Max Maintainer <max@example.com>\n", true));
    }

    @Test
    void anAttributionAtTheTopOfAReplyDoesNotEndIt() {
        assertEquals(List.of("Reviewed-by: rob@example.net"),
                named("From: Jane Doe <jane@example.org>\nDate: Tue, 20 Oct 2026 09:00:00 +0200\n> the patch\n\n"
                        + "Reviewed-by: Rob Reviewer <rob@example.net>\n", true));
    }

    @Test
    void anOriginalBelowTheReplyEndsIt() {
        assertEquals(List.of("Reviewed-by: oli@example.com"),
                named("Reviewed-by: Oli Outlook <oli@example.com>\n\nFrom: Jane Doe <jane@example.org>\nSent: Tuesday\n\n"
                        + "Signed-off-by: Jane Doe <jane@example.org>\n", true));
        assertEquals(List.of("Acked-by: max@example.com"),
                named("Acked-by: Max Maintainer <max@example.com>\n-----Original Message-----\n"
                        + "Signed-off-by: Jane Doe <jane@example.org>\n", true));
    }

    @Test
    void gitIdentsKeepCommasInNamesAndRemarksAfterAddresses() {
        List<Trailer> t = trailers("Reviewed-by: Doe, Jane <jane@example.org>\nCc: stable@vger.example.org # 5.10+\n", false);
        assertEquals("Doe, Jane", t.get(0).getPerson().getName());
        assertEquals("stable@vger.example.org", t.get(1).getPerson().getEmail());
    }
}
