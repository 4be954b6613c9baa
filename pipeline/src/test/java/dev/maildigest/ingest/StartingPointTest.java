package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.maildigest.config.UserError;

class StartingPointTest {
    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

    @Test
    void sinceTakesADurationBeforeNowADateAtMidnightUtcOrAnInstant() {
        assertEquals(Instant.parse("2026-11-25T06:00:00Z"), StartingPoint.parseSince("7d", NOW).since());
        assertEquals(Instant.parse("2026-12-01T18:00:00Z"), StartingPoint.parseSince("12h", NOW).since());
        assertEquals(Instant.parse("2026-11-18T06:00:00Z"), StartingPoint.parseSince("2w", NOW).since());
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), StartingPoint.parseSince("2026-11-01", NOW).since());
        assertEquals(Instant.parse("2026-11-01T08:30:00Z"), StartingPoint.parseSince("2026-11-01T08:30:00Z", NOW).since());
    }

    @Test
    void aBadSinceOrLastIsOneReadableLine() {
        UserError since = assertThrows(UserError.class, () -> StartingPoint.parseSince("last week", NOW));
        assertEquals("bad --since 'last week': give a duration (7d, 12h, 2w) or a date (2026-11-01)", since.getMessage());
        UserError last = assertThrows(UserError.class, () -> StartingPoint.last(0));
        assertEquals("--last must be at least 1 (got 0)", last.getMessage());
    }

    @Test
    void theStartIsTheNthNewestCommitOrTheFirstOneMadeAtOrAfterTheTime() {
        List<Instant> times = List.of(Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-02T10:00:00Z"),
                Instant.parse("2026-11-03T10:00:00Z"));
        assertEquals(1, StartingPoint.last(2).indexIn(times));
        assertEquals(0, StartingPoint.last(5).indexIn(times), "more than there is: all of it");
        assertEquals(1, StartingPoint.parseSince("2026-11-02", NOW).indexIn(times));
        assertEquals(2, StartingPoint.parseSince("2026-11-03T10:00:00Z", NOW).indexIn(times), "at the time itself: taken");
        assertEquals(3, StartingPoint.parseSince("2026-11-04", NOW).indexIn(times), "nothing that recent");
    }
}
