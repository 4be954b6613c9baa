package dev.maildigest.series;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.maildigest.avro.AppliedNotice;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.Series;
import dev.maildigest.avro.SeriesActivity;
import dev.maildigest.avro.SeriesApplied;
import dev.maildigest.avro.SeriesLink;
import dev.maildigest.avro.SeriesStatus;
import dev.maildigest.avro.SeriesVersion;
import dev.maildigest.avro.VersionLink;

/** What a range did to a list's series, as the digest shows it: its series activity and its patch list's titles. */
final class SeriesActivities {
    private SeriesActivities() {
    }

    static List<SeriesActivity> of(RangeWork work) {
        List<SeriesActivity> out = new ArrayList<>();
        for (VersionTouch t : work.touches.values()) {
            SeriesVersion v = work.version(t.versionId);
            if (v == null || !(t.posted || !t.reviews.isEmpty() || t.appliedHere)) {
                continue;
            }
            VersionLink older = v.getSupersedes();
            out.add(SeriesActivity.newBuilder()
                    .setVersionId(v.getVersionId())
                    .setSubject(v.getSubject())
                    .setAuthor(v.getAuthor())
                    .setVersion(v.getVersion())
                    .setTotal(v.getTotal())
                    .setSeen(v.getPatches().size())
                    .setSeenBefore(t.seenBefore)
                    .setHasCover(v.getHasCover())
                    .setFirstPosted(v.getFirstPosted())
                    .setStatus(SeriesStatus.valueOf(v.getStatus()))
                    .setPosted(t.posted)
                    .setReviewedLater(t.reviewedLater)
                    .setAppliedHere(t.appliedHere)
                    .setSupersedes(older == null ? null : new SeriesLink(older.getVersionId(), older.getVersion(), older.getFirstPosted()))
                    .setReviews(t.reviewers())
                    .setApplied(v.getAppliedLine() == null ? null : new SeriesApplied(
                            new AppliedNotice(v.getAppliedLine(), v.getAppliedWhere(), v.getAppliedCommits()),
                            v.getAppliedBy(), v.getAppliedPatch(), v.getAppliedDate()))
                    .build());
        }
        return out;
    }

    /**
     * A series split by a range boundary: titled by its cover (or patch 1), with what earlier
     * digests showed. Only the first entry of the patch list that is the version (same version
     * number and total) is changed: the patch list groups by patch author, so a maintainer's
     * series of other people's patches is several entries there and one version here.
     */
    static void annotate(Digest digest, RangeWork work) {
        List<Series> annotated = new ArrayList<>(digest.getSeries().size());
        Set<String> done = new HashSet<>();
        for (Series s : digest.getSeries()) {
            SeriesVersion v = work.versionOf(s.getMessageId());
            if (v != null && v.getVersion() == s.getVersion() && v.getTotal() == s.getTotal() && done.add(v.getVersionId())) {
                VersionTouch t = work.touches.get(v.getVersionId());
                s = Series.newBuilder(s).setSubject(v.getSubject()).setSeenBefore(t == null ? 0 : t.seenBefore).build();
            }
            annotated.add(s);
        }
        digest.setSeries(annotated);
    }
}
