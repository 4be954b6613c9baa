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
        return KindRules.kind(s, inReplyTo, KindRules.Body.NONE);
    }

    /** The kind of a mail that carries a diff or a diffstat. */
    private static MailKind kindWithDiff(String subject, boolean inReplyTo) {
        return KindRules.kind(parse(subject), inReplyTo, new KindRules.Body(true, false, false));
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
            [PATCH v2.5 1/3] KVM: dotted keeps its form     | v2.5        | 2 | 1 | 3  | KVM: dotted keeps its form
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

    /** Tags as lists write them beyond git format-patch; no piece of a marker becomes a label. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            [v3 0/5] sched: spread the load             | false | false | 3 | 0 | 5 | -                 | sched: spread the load
            [v3 01/15] drm: tidy the planes              | false | false | 3 | 1 | 15| -                 | drm: tidy the planes
            [RFC v1 0/2] mm: a new reclaim knob          | false | true  | 1 | 0 | 2 | -                 | mm: a new reclaim knob
            [RFC] io: a rough idea                       | false | true  | - | - | - | -                 | io: a rough idea
            [RFC-PATCH] io: dashed keywords              | true  | true  | - | - | - | -                 | io: dashed keywords
            [linux-next RFC] fs: against next            | false | true  | - | - | - | linux-next        | fs: against next
            [net,v2,1/2] net: netdev commas              | false | false | 2 | 1 | 2 | net               | net: netdev commas
            [PATCH1/8] usb: glued number                 | true  | false | - | 1 | 8 | -                 | usb: glued number
            [v2PATCH1/4] usb: all glued                  | true  | false | 2 | 1 | 4 | -                 | usb: all glued
            [PATCH 0 of 2] hg: cover of a bomb           | true  | false | - | 0 | 2 | -                 | hg: cover of a bomb
            [PATCH 2 of 2] hg: second of a bomb          | true  | false | - | 2 | 2 | -                 | hg: second of a bomb
            [PATCH v5.5 2/3] KVM: half a version         | true  | false | 5 | 2 | 3 | v5.5              | KVM: half a version
            [PATCH] KVM: a version at the end (v2)       | true  | false | 2 | - | - | -                 | KVM: a version at the end
            [PATCH v3] KVM: the tag wins (v2)            | true  | false | 3 | - | - | -                 | KVM: the tag wins
            [PATCHSET v2 wq-next 0/3] wq: a set          | true  | false | 2 | 0 | 3 | wq-next           | wq: a set
            [V4L2 PATCH] media: a label like a version   | true  | false | - | - | - | V4L2              | media: a label like a version
            """)
    void tagsWithoutTheWordPatch(String subject, boolean patch, boolean rfc, Integer version, Integer number, Integer total,
            String label, String clean) {
        SubjectParser.Subject s = parse(subject);
        SubjectTags tags = s.tags();
        assertEquals(patch, tags.getPatch());
        assertEquals(rfc, tags.getRfc());
        assertEquals(version, tags.getVersion());
        assertEquals(number, tags.getNumber());
        assertEquals(total, tags.getTotal());
        assertEquals(label == null ? List.of() : List.of(label), tags.getLabels());
        assertEquals(clean, s.clean());
    }

    @Test
    void aDottedVersionNextToStableIsTheKernelOfABackport() {
        SubjectTags backport = parse("[PATCH stable v4.9 v2] arm64: a backport").tags();
        assertEquals(2, backport.getVersion());
        assertEquals(List.of("stable", "v4.9"), backport.getLabels());
        SubjectTags only = parse("[PATCH stable v5.10] arm64: another backport").tags();
        assertNull(only.getVersion());
        assertEquals(List.of("stable", "v5.10"), only.getLabels());
    }

    @Test
    void markersWithADiffMakeAPatchAndWithoutOneDoNot() {
        assertEquals(MailKind.COVER_LETTER, kindWithDiff("[v3 0/5] sched: spread the load", false));
        assertEquals(MailKind.PATCH, kindWithDiff("[net,v2,1/2] net: netdev commas", true));
        assertEquals(MailKind.PATCH, kindWithDiff("[RFC] io: a rough idea", false));
        assertEquals(MailKind.OTHER, kind("[v3 0/5] a discussion numbered like a series", false));
        assertEquals(MailKind.OTHER, kind("[RFC] an idea in prose", false));
        assertEquals(MailKind.OTHER, kindWithDiff("[ANNOUNCE] a release, with its diffstat", true));
        assertEquals(MailKind.PATCH, kindWithDiff("net: an untagged patch", false));
        assertEquals(MailKind.REPLY, kindWithDiff("net: an untagged follow-up with a diff", true));
    }

    @Test
    void followUpsThatKeptTheTagAreReplies() {
        assertEquals(MailKind.REPLY, kind("[PATCH v2 3/5] net: answered without Re:", true));
        KindRules.Body quoting = new KindRules.Body(false, false, true);
        assertEquals(MailKind.REPLY, KindRules.kind(parse("[PATCH v2 0/5] net: answered cover"), true, quoting));
        assertEquals(MailKind.COVER_LETTER, kind("[PATCH v2 0/1] net: a hand-written cover, in reply to v1", true));
        assertEquals(MailKind.COVER_LETTER, kindWithDiff("[PATCH v2 0/5] net: a v2 cover sent in reply to v1", true));
    }

    @Test
    void pullRequests() {
        KindRules.Body pullText = new KindRules.Body(true, true, false);
        assertEquals(MailKind.PULL_REQUEST, KindRules.kind(parse("[GIT] Networking"), false, pullText));
        assertEquals(MailKind.PULL_REQUEST, KindRules.kind(parse("KVM fixes for this week"), false, pullText));
        assertEquals(MailKind.PULL_REQUEST, KindRules.kind(parse("[PULL 0/2] block queue"), false, pullText));
        assertEquals(MailKind.PATCH, kindWithDiff("[PULL 1/2] block: first of the pull", true));
        assertEquals(MailKind.REPLY, KindRules.kind(parse("Re: [GIT PULL] quoted"), true, pullText));
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
        assertEquals(MailKind.PATCH, kindWithDiff("[PATCH v3 01/17] arm64: x", true));
        assertEquals(MailKind.PATCH, kind("[PATCH v3 01/17] arm64: diff sent as an attachment", false));
        assertEquals(MailKind.PATCH, kind("[PATCH RFC] arm64: x", false));
        assertEquals(MailKind.COVER_LETTER, kind("[PATCH v3 00/17] arm64: x", false));
        assertEquals(MailKind.COVER_LETTER, kind("[RFC PATCH 0/3] arm64: x", false));
        assertEquals(MailKind.PULL_REQUEST, kind("[GIT PULL] KVM/arm64 updates for 6.9", false));
        assertEquals(MailKind.PULL_REQUEST, kind("[PULL] more fixes", false));
        assertEquals(MailKind.REPLY, kind("Re: [GIT PULL] KVM/arm64 updates for 6.9", true));
        assertEquals(MailKind.REPLY, kind("Re: [PATCH v3 00/17] arm64: x", true));
        assertEquals(MailKind.REPLY, kind("thoughts on the plan", true));
        assertEquals(MailKind.OTHER, kind("thoughts on the plan", false));
        assertEquals(MailKind.OTHER, kind("[Question] tagged but not a patch", false));
        assertEquals(MailKind.REPLY, kind("[Question] a follow-up that kept the tag", true));
        assertEquals(MailKind.OTHER, kind("[RFC v2 3/5] RFC without the PATCH word, no diff", false));
        assertEquals(MailKind.PATCH, kindWithDiff("[RFC v2 3/5] RFC without the PATCH word", true));
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
