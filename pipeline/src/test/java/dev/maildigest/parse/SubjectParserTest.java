package dev.maildigest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.SubjectTags;

/** Reply prefixes, bracket tags, the clean subject and the kind they decide. */
class SubjectParserTest {

    private static SubjectParser.Subject parse(String subject) {
        return SubjectParser.parse(subject);
    }

    private static MailKind kind(String subject, boolean inReplyTo) {
        SubjectParser.Subject s = parse(subject);
        return KindRules.kind(s.tags(), s.tagged(), inReplyTo);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            [PATCH v3 01/17] arm64: sysreg: Add layout       | -           | 3 | 1 | 17 | arm64: sysreg: Add layout
            [PATCH net-next v10 1/9] net: add a counter      | net-next    | 10| 1 | 9  | net: add a counter
            [RFC PATCH 2/3] mm: try a smaller batch          | -           | - | 2 | 3  | mm: try a smaller batch
            [PATCH] [v2] PCI: add CONFIG_MMU dependency      | -           | 2 | - | -  | PCI: add CONFIG_MMU dependency
            [PATCH V3] KVM: fix it                           | -           | 3 | - | -  | KVM: fix it
            [PATCHv2 3/4] KVM: glued version                 | -           | 2 | 3 | 4  | KVM: glued version
            [kvm-unit-tests PATCH v2 4/6] arm: add a test    | kvm-unit-tests | 2 | 4 | 6 | arm: add a test
            [PATCH bpf-next,v4 2/2] bpf: comma separated     | bpf-next    | 4 | 2 | 2  | bpf: comma separated
            [PATCH 5.10 1/2] KVM: stable backport            | 5.10        | - | 1 | 2  | KVM: stable backport
            [PATCH v2.5 1/3] KVM: dotted is a label          | v2.5        | - | 1 | 3  | KVM: dotted is a label
            """)
    void tagsOfPatches(String subject, String label, Integer version, Integer number, Integer total, String clean) {
        SubjectParser.Subject s = parse(subject);
        SubjectTags tags = s.tags();
        assertTrue(tags.getPatch());
        assertEquals(version, tags.getVersion());
        assertEquals(number, tags.getNumber());
        assertEquals(total, tags.getTotal());
        assertEquals(label == null ? List.of() : List.of(label), tags.getLabels());
        assertEquals(clean, s.clean());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Re: [PATCH v3 01/17] arm64: sysreg               | arm64: sysreg
            RE: [PATCH] x86: fix                             | x86: fix
            Re: Re: re: [PATCH] repeated                     | repeated
            AW: [PATCH] German client                        | German client
            Fwd: [PATCH 2/2] forwarded                       | forwarded
            Re[2]: counted reply                             | counted reply
            Re: Fwd: mixed prefixes                          | mixed prefixes
            """)
    void replyAndForwardPrefixesMakeAReply(String subject, String clean) {
        SubjectParser.Subject s = parse(subject);
        assertTrue(s.tags().getReply());
        assertEquals(clean, s.clean());
        assertEquals(MailKind.REPLY, kind(subject, false));
    }

    @Test
    void wordsThatOnlyLookLikePrefixesAreKept() {
        SubjectParser.Subject s = parse("[PATCH] Revert \"KVM: Re-enable the thing\"");
        assertFalse(s.tags().getReply());
        assertEquals("Revert \"KVM: Re-enable the thing\"", s.clean());
        assertFalse(parse("KVM: x86: rework the MMU").tags().getReply());
        assertEquals("KVM: x86: rework the MMU", parse("KVM: x86: rework the MMU").clean());
    }

    @Test
    void rfcResendAndLabels() {
        SubjectTags tags = parse("[RESEND RFC PATCH v4 kvmtool 3/5] arm: add a device").tags();
        assertTrue(tags.getRfc());
        assertTrue(tags.getResend());
        assertTrue(tags.getPatch());
        assertEquals(4, tags.getVersion());
        assertEquals(List.of("kvmtool"), tags.getLabels());

        SubjectTags slash = parse("[RFC/PATCH 1/2] slashed keywords").tags();
        assertTrue(slash.getRfc());
        assertTrue(slash.getPatch());
        assertEquals(1, slash.getNumber());

        SubjectTags colon = parse("[stable:PATCH] KVM: arm64: backport").tags();
        assertTrue(colon.getPatch());
        assertEquals(List.of("stable"), colon.getLabels());
    }

    @Test
    void kinds() {
        assertEquals(MailKind.PATCH, kind("[PATCH v3 01/17] arm64: x", true));
        assertEquals(MailKind.PATCH, kind("[PATCH RFC] arm64: x", false));
        assertEquals(MailKind.COVER_LETTER, kind("[PATCH v3 00/17] arm64: x", false));
        assertEquals(MailKind.COVER_LETTER, kind("[RFC PATCH 0/3] arm64: x", false));
        assertEquals(MailKind.PULL_REQUEST, kind("[GIT PULL] KVM/arm64 updates for 6.9", false));
        assertEquals(MailKind.PULL_REQUEST, kind("[PULL] more fixes", false));
        assertEquals(MailKind.REPLY, kind("Re: [GIT PULL] KVM/arm64 updates for 6.9", true));
        assertEquals(MailKind.REPLY, kind("Re: [PATCH v3 00/17] arm64: x", true));
        assertEquals(MailKind.REPLY, kind("thoughts on the plan", true));
        assertEquals(MailKind.OTHER, kind("thoughts on the plan", false));
        assertEquals(MailKind.OTHER, kind("[Question] tagged but not a patch", true));
        assertEquals(MailKind.OTHER, kind("[RFC v2 3/5] RFC without the PATCH word", true));
    }

    @Test
    void noTagsNoNumbers() {
        SubjectParser.Subject s = parse("  plain subject  ");
        assertFalse(s.tagged());
        assertNull(s.tags().getVersion());
        assertNull(s.tags().getNumber());
        assertEquals("plain subject", s.clean());
        assertEquals("", parse(null).clean());
        assertEquals("[unclosed tag", parse("[unclosed tag").clean());
    }
}
