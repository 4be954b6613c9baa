package dev.maildigest.series;

import static dev.maildigest.series.SeriesMails.ADA;
import static dev.maildigest.series.SeriesMails.BO;
import static dev.maildigest.series.SeriesMails.EVE;
import static dev.maildigest.series.SeriesMails.reviewedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.SeriesFact;
import dev.maildigest.avro.Trailer;

class SeriesFactsTest {
    private static final Instant WHEN = Instant.parse("2026-05-02T09:00:00Z");

    @Test
    void keepsPatchesCoversAndRepliesThatReviewOrApplyOnly() {
        List<SeriesFact> facts = SeriesFacts.of(SeriesMails.range("gears", "a", 1, 0)
                .cover(ADA, "c", 3, 2, "gears: ratios", WHEN).changeId("20260502-ratios-9f8e")
                .patch(ADA, "p1", 3, 1, 2, "gears: part 1", "c", WHEN)
                .reply(BO, "chat", "p1", "c", "gears: part 1", WHEN)
                .reply(BO, "review", "p1", "c", "gears: part 1", WHEN, reviewedBy(BO),
                        new Trailer("Signed-off-by", "Bo Okafor <bo@okafor.example>", BO))
                .reply(EVE, "thanks", "c", "c", "gears: ratios", WHEN).applied("Applied, thanks!", null)
                .build());
        assertEquals(List.of("c", "p1", "review", "thanks"), facts.stream().map(SeriesFact::getMessageId).toList());
        SeriesFact cover = facts.get(0);
        assertEquals(List.of(MailKind.COVER_LETTER, 3, 0, 2, "20260502-ratios-9f8e"),
                List.of(cover.getKind(), cover.getVersion(), cover.getNumber(), cover.getTotal(), cover.getChangeId()));
        assertEquals(List.of("Reviewed-by"), facts.get(2).getReviews().stream().map(r -> r.getName()).toList(),
                "Signed-off-by is no review");
        assertEquals("Applied, thanks!", facts.get(3).getApplied().getLine());
    }

    @Test
    void anUntaggedPatchIsVersionOneOfOne() {
        SeriesFact fact = SeriesFacts.of(SeriesMails.range("gears", "a", 1, 0)
                .patch(ADA, "solo", 1, 1, 1, "gears: one fix", null, WHEN).build()).get(0);
        assertEquals(List.of(1, 1), List.of(fact.getVersion(), fact.getTotal()));
        assertEquals(null, fact.getNumber());
    }
}
