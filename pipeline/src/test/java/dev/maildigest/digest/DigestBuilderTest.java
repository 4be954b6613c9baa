package dev.maildigest.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.Address;
import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.PatchEntry;
import dev.maildigest.avro.Series;
import dev.maildigest.avro.SubjectTags;
import dev.maildigest.avro.Trailer;

class DigestBuilderTest {
    private static final Address ALICE = new Address("Alice Example", "alice@example.org");
    private static final Address BOB = new Address("Bob Sample", "bob@example.com");
    private static final Address CAROL = new Address("Carol Test", "carol@example.com");

    private final List<ParsedMail> mails = new ArrayList<>();
    private final DigestBuilder builder = new DigestBuilder(d -> "text of " + d.getMessages());

    private ParsedMail.Builder mail(Address author, MailKind kind, String subject) {
        int index = mails.size();
        return ParsedMail.newBuilder()
                .setCoordinates(Coordinates.newBuilder().setList("kvm").setArchive("/a").setEpoch(0)
                        .setCommit(String.format("%040x", index + 0xabcdef0L)).setOrdinal(index + 1)
                        .setRange(new CommitRange("0123456789abcdef", "fedcba9876543210", 0, 0, 0L, 0L)).setIndex(index).build())
                .setAuthor(author).setSender(author).setKind(kind)
                .setSubject(subject).setCleanSubject(subject.replaceAll("^(Re: )?\\[[^]]*] ", ""))
                .setMessageId("m" + index + "@example.org")
                .setTags(SubjectTags.newBuilder().build());
    }

    private void add(ParsedMail.Builder b) {
        mails.add(b.build());
    }

    private SubjectTags tags(Integer version, Integer number, Integer total, String... labels) {
        return SubjectTags.newBuilder().setPatch(true).setVersion(version).setNumber(number).setTotal(total)
                .setLabels(List.of(labels)).build();
    }

    @Test
    void countsAuthorsAndDomainsTiesInReverseNameOrderLikeTheReference() {
        add(mail(ALICE, MailKind.OTHER, "hello"));
        add(mail(BOB, MailKind.OTHER, "hello"));
        add(mail(CAROL, MailKind.OTHER, "hello"));
        add(mail(ALICE, MailKind.OTHER, "again"));
        Digest d = builder.build(mails);

        assertEquals(List.of("alice@example.org", "carol@example.com", "bob@example.com"),
                d.getTopContributors().stream().map(c -> c.getAuthor().getEmail()).toList());
        assertEquals(List.of(2, 1, 1), d.getTopContributors().stream().map(c -> c.getCount()).toList());
        assertEquals(List.of("example.org", "example.com"), d.getTopDomains().stream().map(x -> x.getDomain()).toList());
        assertEquals(List.of(2, 2), d.getTopDomains().stream().map(x -> x.getCount()).toList());
        assertEquals("01234567", d.getFirstShort());
        assertEquals("fedcba98", d.getLastShort());
        assertEquals("text of 4", d.getText());
    }

    @Test
    void keepsOnlyTheTopFifteen() {
        for (int i = 0; i < 20; i++) {
            add(mail(new Address("Person " + i, "p" + i + "@host" + i + ".example"), MailKind.OTHER, "x"));
        }
        Digest d = builder.build(mails);
        assertEquals(15, d.getTopContributors().size());
        assertEquals(15, d.getTopDomains().size());
    }

    @Test
    void groupsASeriesWithItsCoverLetterAndMarksWhatIsNew() {
        add(mail(ALICE, MailKind.PATCH, "[PATCH v3 1/2] kvm: first").setTags(tags(3, 1, 2, "kvm-next")));
        add(mail(ALICE, MailKind.COVER_LETTER, "[PATCH v3 0/2] kvm: the series").setTags(tags(3, 0, 2, "kvm-next")));
        add(mail(ALICE, MailKind.PATCH, "[PATCH v3 2/2] kvm: second").setTags(tags(3, 2, 2, "kvm-next")));
        add(mail(BOB, MailKind.PATCH, "[PATCH] arm64: single fix").setTags(tags(null, null, null)));
        add(mail(CAROL, MailKind.REPLY, "Re: [PATCH] arm64: single fix").setThreadRoot("m3@example.org")
                .setTrailers(List.of(new Trailer("Reviewed-by", "Carol Test <carol@example.com>", CAROL))));
        Digest d = builder.build(mails);

        List<Series> series = d.getSeries();
        assertEquals(2, series.size());
        assertEquals("kvm: the series", series.get(0).getSubject());
        assertEquals(3, series.get(0).getVersion());
        assertEquals(2, series.get(0).getPresent());
        assertEquals(2, series.get(0).getTotal());
        assertTrue(series.get(0).getHasCover());
        assertEquals(List.of("kvm-next"), series.get(0).getLabels());
        assertEquals("arm64: single fix", series.get(1).getSubject());
        assertEquals(1, series.get(1).getTotal());

        List<PatchEntry> patches = d.getPatches();
        assertEquals(4, patches.size());
        assertEquals(List.of(true, true, false, true), patches.stream().map(PatchEntry::getIsNew).toList());
        assertNull(patches.get(0).getSender(), "sender is only shown when it differs from the author");

        assertEquals(1, d.getReviews().size());
        assertEquals("carol@example.com", d.getReviews().get(0).getPerson().getEmail());
        assertEquals(1, d.getReviews().get(0).getReviewedBy());
        assertEquals(1, d.getThreads().size());
        assertEquals(1, d.getThreads().get(0).getReplies());
    }

    @Test
    void aSeriesOfOtherPeoplesPatchesIsOneSeriesOfWhoPostedIt() {
        Address maintainer = new Address("Mike Maintainer", "mike@example.net");
        add(mail(maintainer, MailKind.COVER_LETTER, "[PATCH 0/3] widget: fixes").setTags(tags(null, 0, 3)));
        add(mail(ALICE, MailKind.PATCH, "[PATCH 1/3] widget: fix the frob").setSender(maintainer).setTags(tags(null, 1, 3)));
        add(mail(BOB, MailKind.PATCH, "[PATCH 2/3] widget: fix the knob").setSender(maintainer).setTags(tags(null, 2, 3)));
        add(mail(CAROL, MailKind.PATCH, "[PATCH 3/3] widget: fix the blob").setSender(maintainer).setTags(tags(null, 3, 3)));
        // The same maintainer's second posting, with patch 1 now by Bob: it supersedes the first.
        add(mail(maintainer, MailKind.COVER_LETTER, "[PATCH v2 0/3] widget: fixes").setTags(tags(2, 0, 3)));
        add(mail(BOB, MailKind.PATCH, "[PATCH v2 1/3] widget: fix the frob").setSender(maintainer).setTags(tags(2, 1, 3)));
        Digest d = builder.build(mails);

        assertEquals(List.of("widget: fixes", "widget: fixes"), d.getSeries().stream().map(Series::getSubject).toList());
        Series first = d.getSeries().get(0);
        assertEquals(maintainer, first.getAuthor());
        assertEquals(3, first.getPresent());
        assertTrue(first.getHasCover());
        assertEquals(List.of(false, false, false, false, true, true), d.getPatches().stream().map(PatchEntry::getIsNew).toList());
        PatchEntry frob = d.getPatches().get(1);
        assertEquals(ALICE, frob.getAuthor(), "each patch keeps its own author");
        assertEquals(maintainer, frob.getSender());
    }

    @Test
    void twoSeriesOfOnePosterWithTheSameVersionAndTotalAreTwoLinesAndAResentPatchCountsOnce() {
        add(mail(ALICE, MailKind.PATCH, "[PATCH 1/2] kvm: first of one").setTags(tags(null, 1, 2)).setThreadRoot("m0@example.org"));
        add(mail(ALICE, MailKind.PATCH, "[PATCH 2/2] kvm: second of one").setTags(tags(null, 2, 2)).setThreadRoot("m0@example.org"));
        add(mail(ALICE, MailKind.PATCH, "[PATCH 1/2] arm64: first of another").setTags(tags(null, 1, 2)).setThreadRoot("m2@example.org"));
        add(mail(ALICE, MailKind.PATCH, "[PATCH 2/2] arm64: second of another").setTags(tags(null, 2, 2)).setThreadRoot("m2@example.org"));
        // Patch 2 again, fixed up, in the same thread.
        add(mail(ALICE, MailKind.PATCH, "[PATCH 2/2] arm64: second of another").setTags(tags(null, 2, 2)).setThreadRoot("m2@example.org"));
        Digest d = builder.build(mails);

        assertEquals(List.of("kvm: first of one", "arm64: first of another"), d.getSeries().stream().map(Series::getSubject).toList());
        assertEquals(List.of(2, 2), d.getSeries().stream().map(Series::getPresent).toList(), "2 of 2 each, never 3 of 2");
    }

    @Test
    void aSeriesSentWithoutThreadingIsStillOneLine() {
        add(mail(ALICE, MailKind.PATCH, "[PATCH 1/2] kvm: first").setTags(tags(null, 1, 2)).setThreadRoot("m0@example.org"));
        add(mail(ALICE, MailKind.PATCH, "[PATCH 2/2] kvm: second").setTags(tags(null, 2, 2)).setThreadRoot("m1@example.org"));
        Digest d = builder.build(mails);

        assertEquals(1, d.getSeries().size());
        assertEquals(2, d.getSeries().get(0).getPresent());
    }

    @Test
    void olderVersionsInTheSameRangeAreOneLineAndTheNewestIsShownInFull() {
        add(mail(ALICE, MailKind.COVER_LETTER, "[PATCH v2 0/2] KVM: arm64: Tidy the reset path").setTags(tags(2, 0, 2)));
        add(mail(ALICE, MailKind.PATCH, "[PATCH v2 1/2] KVM: arm64: Move reset into a helper").setTags(tags(2, 1, 2)));
        add(mail(BOB, MailKind.PATCH, "[PATCH] arm64: an unrelated fix").setTags(tags(null, null, null)));
        add(mail(ALICE, MailKind.COVER_LETTER, "[PATCH v3 0/3] KVM: arm64: tidy the  reset path.").setTags(tags(3, 0, 3)));
        add(mail(ALICE, MailKind.PATCH, "[PATCH v3 1/3] KVM: arm64: Move reset into a helper").setTags(tags(3, 1, 3)));
        add(mail(ALICE, MailKind.PATCH, "[PATCH v3 2/3] KVM: arm64: Drop the barrier").setTags(tags(3, 2, 3)));
        Digest d = builder.build(mails);

        assertEquals(List.of("m2@example.org", "m3@example.org", "m4@example.org"),
                d.getPatches().stream().filter(PatchEntry::getIsNew).map(PatchEntry::getMessageId).toList());
        // Both versions keep their line in the series list.
        assertEquals(List.of(2, 1, 3), d.getSeries().stream().map(Series::getVersion).toList());
    }

    @Test
    void theTextShowsAnOlderVersionAsItsPatchListLineOnly() {
        add(mail(ALICE, MailKind.COVER_LETTER, "[PATCH v2 0/2] KVM: arm64: Tidy the reset path").setTags(tags(2, 0, 2))
                .setCommitMessage("Second posting."));
        add(mail(ALICE, MailKind.COVER_LETTER, "[PATCH v3 0/2] KVM: arm64: Tidy the reset path").setTags(tags(3, 0, 2))
                .setCommitMessage("Third posting."));
        String text = new DigestBuilder(new TextRenderer()::render).build(mails).getText();

        assertTrue(text.contains("[PATCH v2] KVM: arm64: Tidy the reset path"), text);
        assertTrue(text.contains("[PATCH v3] KVM: arm64: Tidy the reset path"), text);
        assertFalse(text.contains("Second posting."), text);
        assertTrue(text.contains("Third posting."), text);
    }

    @Test
    void versionsWithTheSameChangeIdAreOneSeriesWhateverTheirTitle() {
        add(mail(ALICE, MailKind.COVER_LETTER, "[PATCH 0/2] KVM: arm64: First title").setTags(tags(null, 0, 2)).setChangeId("20261019-reset-0a1b2c3d4e5f"));
        add(mail(ALICE, MailKind.COVER_LETTER, "[PATCH v2 0/2] KVM: arm64: Second title").setTags(tags(2, 0, 2)).setChangeId("20261019-reset-0a1b2c3d4e5f"));
        add(mail(BOB, MailKind.COVER_LETTER, "[PATCH v2 0/2] KVM: arm64: First title").setTags(tags(2, 0, 2)));
        Digest d = builder.build(mails);

        assertEquals(List.of(false, true, true), d.getPatches().stream().map(PatchEntry::getIsNew).toList());
    }

    @Test
    void aResendSupersedesTheEarlierPostingOfTheSameVersion() {
        add(mail(ALICE, MailKind.PATCH, "[PATCH] arm64: fix the wrap").setTags(tags(null, null, null)));
        add(mail(ALICE, MailKind.PATCH, "[PATCH RESEND] arm64: fix the wrap").setTags(tags(null, null, null)));
        add(mail(BOB, MailKind.PATCH, "[PATCH] arm64: fix the wrap").setTags(tags(null, null, null)));
        Digest d = builder.build(mails);

        assertEquals(List.of(false, true, true), d.getPatches().stream().map(PatchEntry::getIsNew).toList());
    }

    @Test
    void aLonePatchCarriedDeepInAnotherSeriesIsNotAnOlderVersionOfIt() {
        add(mail(ALICE, MailKind.PATCH, "[PATCH] arm64: fix the wrap").setTags(tags(null, null, null)));
        add(mail(ALICE, MailKind.PATCH, "[PATCH 7/7] arm64: Fix the wrap").setTags(tags(null, 7, 7)));
        Digest d = builder.build(mails);

        assertEquals(List.of(true, false), d.getPatches().stream().map(PatchEntry::getIsNew).toList());
    }

    @Test
    void aThreadIsListedOnceWhenARepliesRootIsAMessageInTheMiddleOfIt() {
        add(mail(ALICE, MailKind.PATCH, "[PATCH] arm64: fix the wrap").setThreadRoot("m0@example.org"));
        add(mail(BOB, MailKind.REPLY, "Re: [PATCH] arm64: fix the wrap").setThreadRoot("m0@example.org"));
        // No References, only In-Reply-To: its root is the reply it answers.
        add(mail(ALICE, MailKind.REPLY, "Re: [PATCH] arm64: fix the wrap").setThreadRoot("m1@example.org"));
        add(mail(CAROL, MailKind.REPLY, "Re: [PATCH] arm64: fix the wrap").setThreadRoot("m2@example.org"));
        add(mail(CAROL, MailKind.REPLY, "Re: something else").setThreadRoot("elsewhere@example.org"));
        Digest d = builder.build(mails);

        assertEquals(2, d.getThreads().size());
        assertEquals("m0@example.org", d.getThreads().get(0).getRoot());
        assertEquals(3, d.getThreads().get(0).getReplies());
        assertEquals(1, d.getThreads().get(1).getReplies());
    }

    @Test
    void aLoopOfRootsEnds() {
        assertEquals("a", DigestBuilder.resolvedRoot("a", java.util.Map.of("a", "b", "b", "a")));
    }

    @Test
    void countsParseFailuresApartAndSpansDates() {
        add(mail(ALICE, MailKind.OTHER, "a").setDate(Instant.parse("2025-01-02T00:00:00Z")));
        mails.add(ParsedMail.newBuilder(mail(BOB, MailKind.OTHER, "b").build()).setFailure("truncated").setAuthor(null).build());
        add(mail(CAROL, MailKind.OTHER, "c").setDate(Instant.parse("2025-01-01T00:00:00Z")));
        Digest d = builder.build(mails);
        assertEquals(3, d.getMessages());
        assertEquals(1, d.getParseFailures());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), d.getDateFrom());
        assertEquals(Instant.parse("2025-01-02T00:00:00Z"), d.getDateTo());
        assertFalse(d.getTopContributors().stream().anyMatch(c -> c.getAuthor().getEmail().equals("bob@example.com")));
    }

    @Test
    void takesTheListNameFromConfigurationElseFromListId() {
        add(mail(ALICE, MailKind.OTHER, "a").setListId("kvm.vger.kernel.org"));
        assertEquals("KVM", builder.build(mails).getListName());
        mails.set(0, ParsedMail.newBuilder(mails.get(0)).setListName("KVM/arm64").build());
        assertEquals("KVM/arm64", builder.build(mails).getListName());
    }
}
