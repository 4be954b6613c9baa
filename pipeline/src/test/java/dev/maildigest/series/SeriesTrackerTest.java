package dev.maildigest.series;

import static dev.maildigest.series.SeriesMails.ADA;
import static dev.maildigest.series.SeriesMails.BO;
import static dev.maildigest.series.SeriesMails.EVE;
import static dev.maildigest.series.SeriesMails.ackedBy;
import static dev.maildigest.series.SeriesMails.reviewedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.Digest;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.Series;
import dev.maildigest.avro.SeriesActivity;
import dev.maildigest.avro.SeriesStatus;
import dev.maildigest.avro.SeriesVersion;
import dev.maildigest.digest.DigestBuilder;

class SeriesTrackerTest {
    private static final Instant DAY1 = Instant.parse("2026-05-02T09:00:00Z");
    private static final Instant DAY2 = DAY1.plus(Duration.ofDays(1));
    private static final Instant DAY9 = DAY1.plus(Duration.ofDays(8));

    private final MapKeyValues<String> index = new MapKeyValues<>();
    private final MapKeyValues<SeriesVersion> versions = new MapKeyValues<>();
    private final MapKeyValues<String> lineage = new MapKeyValues<>();
    private final MapKeyValues<Long> retention = new MapKeyValues<>();
    private final SeriesTracker tracker = new SeriesTracker(index, versions, lineage, retention);
    private final DigestBuilder builder = new DigestBuilder(d -> "");

    private Digest apply(SeriesMails range) {
        List<ParsedMail> mails = range.build();
        return tracker.apply(builder.build(mails), SeriesFacts.of(mails));
    }

    /** Cover and patches 1-4 of 8 of the gear-ratio series, v1 unless said. */
    private static SeriesMails firstHalf(SeriesMails range, int version, String cover, Instant date) {
        range.cover(ADA, cover, version, 8, "gears: check ratios", date);
        for (int n = 1; n <= 4; n++) {
            range.patch(ADA, cover + "-p" + n, version, n, 8, "gears: part " + n, cover, date.plusSeconds(n));
        }
        return range;
    }

    private static SeriesMails secondHalf(SeriesMails range, int version, String cover, Instant date) {
        for (int n = 5; n <= 8; n++) {
            range.patch(ADA, cover + "-p" + n, version, n, 8, "gears: part " + n, cover, date.plusSeconds(n));
        }
        return range;
    }

    @Test
    void aSeriesOverTwoRangesIsOneVersionTitledByItsCover() {
        Digest first = apply(firstHalf(SeriesMails.range("gears", "a", 1, 0), 1, "c1", DAY1));
        SeriesActivity a = first.getSeriesActivity().get(0);
        assertEquals(List.of(4, 0, true), List.of(a.getSeen(), a.getSeenBefore(), a.getPosted()));

        Digest second = apply(secondHalf(SeriesMails.range("gears", "b", 2, 1), 1, "c1", DAY2));
        assertEquals(1, second.getSeriesActivity().size());
        SeriesActivity b = second.getSeriesActivity().get(0);
        assertEquals("c1", b.getVersionId());
        assertEquals("gears: check ratios", b.getSubject());
        assertEquals(List.of(8, 4, true), List.of(b.getSeen(), b.getSeenBefore(), b.getHasCover()));
        Series listed = second.getSeries().get(0);
        assertEquals("gears: check ratios", listed.getSubject(), "the cover's subject, not patch 5's");
        assertEquals(4, listed.getPresent());
        assertEquals(4, listed.getSeenBefore());
    }

    @Test
    void aPatchRepostedInReplyToItselfIsANewPostingNotAPart() {
        apply(SeriesMails.range("gears", "a", 1, 0).patch(ADA, "single", 1, 1, 1, "gears: drop a cast", null, DAY1));
        Digest second = apply(SeriesMails.range("gears", "b", 2, 1)
                .patch(ADA, "single-again", 1, 1, 1, "gears: drop two casts", "single", DAY2));
        SeriesActivity repost = second.getSeriesActivity().get(0);
        assertEquals("single-again", repost.getVersionId());
        assertEquals(List.of(1, 0), List.of(repost.getSeen(), repost.getSeenBefore()), "not 1 of 1 with 1 before");
        assertEquals(0, second.getSeries().get(0).getSeenBefore());
    }

    @Test
    void patchesThatCameBeforeTheirCoverJoinIt() {
        SeriesMails range = SeriesMails.range("gears", "a", 1, 0)
                .patch(ADA, "p1", 1, 1, 2, "gears: part 1", "cov", DAY1)
                .cover(ADA, "cov", 1, 2, "gears: the cover", DAY1.plusSeconds(5))
                .patch(ADA, "p2", 1, 2, 2, "gears: part 2", "cov", DAY1.plusSeconds(9));
        Digest d = apply(range);
        assertEquals(1, d.getSeriesActivity().size(), d.getSeriesActivity().toString());
        SeriesActivity a = d.getSeriesActivity().get(0);
        assertEquals("gears: the cover", a.getSubject());
        assertEquals(2, a.getSeen());
        assertTrue(a.getHasCover());
    }

    @Test
    void reviewsInALaterRangeCountForTheVersionAndItsPatch() {
        apply(firstHalf(SeriesMails.range("gears", "a", 1, 0), 1, "c1", DAY1));
        Digest later = apply(SeriesMails.range("gears", "b", 2, 1)
                .reply(BO, "r1", "c1-p2", "c1", "gears: part 2", DAY9, reviewedBy(BO))
                .reply(EVE, "r2", "r1", "c1", "gears: part 2", DAY9, ackedBy(EVE)));
        SeriesActivity a = later.getSeriesActivity().get(0);
        assertTrue(a.getReviewedLater());
        assertFalse(a.getPosted());
        assertEquals(List.of("bo@okafor.example", "eve@marsh.example"),
                a.getReviews().stream().map(r -> r.getPerson().getEmail()).toList());
        SeriesVersion stored = versions.get("gears/c1");
        assertEquals(2, stored.getReviews().get(0).getNumber(), "the reply was to patch 2");
        assertNull(stored.getReviews().get(1).getNumber(), "a reply to a reply counts for the series only");
    }

    @Test
    void anAppliedNoticeMarksTheVersionApplied() {
        apply(firstHalf(SeriesMails.range("gears", "a", 1, 0), 1, "c1", DAY1));
        Digest later = apply(SeriesMails.range("gears", "b", 2, 1)
                .reply(EVE, "thanks", "c1", "c1", "gears: check ratios", DAY9)
                .applied("Applied to gears/next, thanks!", "gears/next", "0123456789abcdef0123456789abcdef01234567"));
        SeriesActivity a = later.getSeriesActivity().get(0);
        assertEquals(SeriesStatus.APPLIED, a.getStatus());
        assertTrue(a.getAppliedHere());
        assertEquals("gears/next", a.getApplied().getNotice().getWhere());
        assertEquals(EVE, a.getApplied().getBy());
        assertNull(a.getApplied().getPatch(), "said of the whole series (a reply to its cover)");
    }

    @Test
    void anAppliedNoticeToOnePatchSaysWhichPatch() {
        apply(firstHalf(SeriesMails.range("gears", "a", 1, 0), 1, "c1", DAY1));
        Digest later = apply(SeriesMails.range("gears", "b", 2, 1)
                .reply(EVE, "thanks", "c1-p3", "c1", "gears: part 3", DAY9).applied("Queued, thanks.", null));
        assertEquals(3, later.getSeriesActivity().get(0).getApplied().getPatch());
    }

    @Test
    void aNewVersionSupersedesTheOldOneByAuthorAndSubject() {
        apply(firstHalf(SeriesMails.range("gears", "a", 1, 0), 1, "c1", DAY1));
        Digest d = apply(firstHalf(SeriesMails.range("gears", "b", 2, 1), 2, "c2", DAY9));
        SeriesActivity v2 = d.getSeriesActivity().get(0);
        assertEquals(2, v2.getVersion());
        assertEquals("c1", v2.getSupersedes().getVersionId());
        assertEquals(1, v2.getSupersedes().getVersion());
        assertEquals(DAY1, v2.getSupersedes().getFirstPosted());
        assertEquals(SeriesStatus.REVISED.name(), versions.get("gears/c1").getStatus());
        assertEquals("c2", versions.get("gears/c1").getSupersededBy().getVersionId());
    }

    @Test
    void aNewVersionSupersedesTheOldOneByChangeIdWhateverItsSubject() {
        apply(SeriesMails.range("gears", "a", 1, 0).patch(ADA, "x1", 1, 1, 1, "gears: old words", null, DAY1).changeId("20260502-gears-1a2b"));
        Digest d = apply(SeriesMails.range("gears", "b", 2, 1).patch(ADA, "x2", 2, 1, 1, "gears: new words", null, DAY9)
                .changeId("20260502-gears-1a2b"));
        assertEquals("x1", d.getSeriesActivity().get(0).getSupersedes().getVersionId());
    }

    @Test
    void aNewVersionSentInReplyToTheOldOneSupersedesIt() {
        apply(SeriesMails.range("gears", "a", 1, 0).patch(ADA, "y1", 1, 1, 1, "gears: first try", null, DAY1));
        Digest d = apply(SeriesMails.range("gears", "b", 2, 1).patch(ADA, "y2", 2, 1, 1, "gears: second try", "y1", DAY9));
        assertEquals(1, d.getSeriesActivity().size(), "v2 does not join v1");
        assertEquals("y1", d.getSeriesActivity().get(0).getSupersedes().getVersionId());
    }

    @Test
    void oneRevisedPatchSentInReplyToItsSeriesDoesNotSupersedeTheSeries() {
        apply(firstHalf(SeriesMails.range("gears", "a", 1, 0), 1, "c1", DAY1));
        Digest d = apply(SeriesMails.range("gears", "b", 2, 1).patch(ADA, "c1-p3-v2", 2, 3, 8, "gears: part 3", "c1-p3", DAY2));
        SeriesActivity respin = d.getSeriesActivity().get(0);
        assertNull(respin.getSupersedes(), "v2 of patch 3 alone revises that patch, not the series");
        assertEquals(SeriesStatus.NEW.name(), versions.get("gears/c1").getStatus());
    }

    @Test
    void anotherAuthorsPatchWithTheSameSubjectSupersedesNothing() {
        apply(SeriesMails.range("gears", "a", 1, 0).patch(ADA, "z1", 1, 1, 1, "gears: fix it", null, DAY1));
        Digest d = apply(SeriesMails.range("gears", "b", 2, 1).patch(BO, "z2", 2, 1, 1, "gears: fix it", null, DAY9));
        assertNull(d.getSeriesActivity().get(0).getSupersedes());
    }

    @Test
    void messagesSeenAgainAreIgnored() {
        SeriesMails once = firstHalf(SeriesMails.range("gears", "a", 1, 0), 1, "c1", DAY1)
                .reply(BO, "r1", "c1-p1", "c1", "gears: part 1", DAY1, reviewedBy(BO));
        apply(once);
        Digest again = apply(once);
        assertEquals(List.of(), again.getSeriesActivity());
        SeriesVersion stored = versions.get("gears/c1");
        assertEquals(1, stored.getReviews().size());
        assertEquals(List.of(1, 2, 3, 4), stored.getPatches());
    }

    @Test
    void versionsQuietForHalfAYearAreForgottenWithTheirIndexAndLineage() {
        apply(firstHalf(SeriesMails.range("gears", "a", 1, 0), 1, "c1", DAY1));
        apply(SeriesMails.range("gears", "b", 2, 1).patch(BO, "recent", 1, 1, 1, "cogs: fresh", null, DAY1.plus(Duration.ofDays(100))));
        assertEquals(2, versions.map.size());

        apply(SeriesMails.range("gears", "c", 3, 2).patch(BO, "late", 1, 1, 1, "cogs: later", null,
                DAY1.plus(SeriesTracker.RETENTION).plus(Duration.ofDays(2))));
        assertEquals(List.of("gears/late", "gears/recent"), List.copyOf(versions.map.keySet()));
        assertTrue(index.map.keySet().stream().noneMatch(k -> k.startsWith("gears/c1")), index.map.toString());
        assertTrue(lineage.map.values().stream().noneMatch("c1"::equals), lineage.map.toString());
        assertEquals(List.of("gears/active/late", "gears/active/recent", "gears/newest", "gears/swept"),
                List.copyOf(retention.map.keySet()));

        // A late reply to the forgotten series is about nothing known: no activity, no error.
        Digest d = apply(SeriesMails.range("gears", "d", 4, 3).reply(BO, "r9", "c1-p1", "c1", "gears: part 1",
                DAY1.plus(SeriesTracker.RETENTION).plus(Duration.ofDays(3)), reviewedBy(BO)));
        assertEquals(List.of(), d.getSeriesActivity());
    }

    @Test
    void aMaintainersSeriesOfOtherPeoplesPatchesIsOneVersion() {
        Digest d = apply(SeriesMails.range("gears", "a", 1, 0)
                .cover(EVE, "pull", 1, 3, "gears fixes for 2.7", DAY1)
                .patch(ADA, "f1", 1, 1, 3, "gears: fix one", "pull", DAY1).sentBy(EVE)
                .patch(BO, "f2", 1, 2, 3, "gears: fix two", "pull", DAY1).sentBy(EVE)
                .patch(ADA, "f3", 1, 3, 3, "gears: fix three", "pull", DAY1).sentBy(EVE));
        assertEquals(1, d.getSeriesActivity().size());
        SeriesActivity a = d.getSeriesActivity().get(0);
        assertEquals(List.of(3, true), List.of(a.getSeen(), a.getHasCover()));
        assertEquals(EVE, a.getAuthor());
        assertEquals(0, d.getSeries().stream().mapToInt(Series::getSeenBefore).sum());
    }

    @Test
    void eachListHasItsOwnSeries() {
        apply(firstHalf(SeriesMails.range("gears", "a", 1, 0), 1, "c1", DAY1));
        Digest other = apply(secondHalf(SeriesMails.range("cogs", "b", 1, 0), 1, "c1", DAY2));
        assertEquals(0, other.getSeriesActivity().get(0).getSeenBefore());
    }
}
