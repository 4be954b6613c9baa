package dev.maildigest.series;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.maildigest.avro.ReviewActivity;
import dev.maildigest.avro.ReviewTrailer;

/** One version's activity in the range. */
final class VersionTouch {
    final String versionId;
    final boolean existedBefore;
    final int seenBefore;
    boolean posted;
    boolean reviewedLater;
    boolean appliedHere;
    final Map<String, ReviewActivity> reviews = new LinkedHashMap<>();

    VersionTouch(String versionId, boolean existedBefore, int seenBefore) {
        this.versionId = versionId;
        this.existedBefore = existedBefore;
        this.seenBefore = seenBefore;
    }

    void review(ReviewTrailer r) {
        ReviewActivity a = reviews.computeIfAbsent(r.getPerson().getEmail().toLowerCase(Locale.ROOT),
                e -> new ReviewActivity(r.getPerson(), 0, 0, 0));
        switch (r.getName().toLowerCase(Locale.ROOT)) {
            case "reviewed-by" -> a.setReviewedBy(a.getReviewedBy() + 1);
            case "acked-by" -> a.setAckedBy(a.getAckedBy() + 1);
            default -> a.setTestedBy(a.getTestedBy() + 1);
        }
    }

    List<ReviewActivity> reviewers() {
        return reviews.values().stream()
                .sorted(Comparator.comparingInt((ReviewActivity a) -> -(a.getReviewedBy() + a.getAckedBy() + a.getTestedBy())))
                .toList();
    }
}
