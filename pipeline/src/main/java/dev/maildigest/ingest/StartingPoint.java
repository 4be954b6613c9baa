package dev.maildigest.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import dev.maildigest.config.Durations;
import dev.maildigest.config.UserError;

/**
 * Where a new archive (one without a checkpoint) starts: its last {@code commits}, or its commits
 * made at or after {@code since}. Everything before is never fetched when it can be avoided, never
 * published and never counted. Once the archive has a checkpoint, the checkpoint decides.
 *
 * @param commits how many of the newest commits to start with, or 0
 * @param since   the oldest commit time to start with, or null
 */
public record StartingPoint(int commits, Instant since) {
    public StartingPoint {
        if ((commits > 0) == (since != null)) {
            throw new IllegalArgumentException("a starting point is a number of commits or a time, not both");
        }
    }

    public static StartingPoint last(int commits) {
        if (commits < 1) {
            throw new UserError("--last must be at least 1 (got " + commits + ")");
        }
        return new StartingPoint(commits, null);
    }

    public static StartingPoint since(Instant since) {
        return new StartingPoint(0, since);
    }

    /**
     * {@code 7d}, {@code 12h}, {@code 2w} (that long before {@code now}), or a date {@code 2026-11-01}
     * (midnight UTC) or an instant {@code 2026-11-01T08:00:00Z}.
     */
    public static StartingPoint parseSince(String text, Instant now) {
        String value = text.trim();
        Optional<Duration> ago = Durations.parseShort(value);
        if (ago.isPresent()) {
            return since(now.minus(ago.get()));
        }
        try {
            return since(value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            throw new UserError("bad --since '" + text + "': give a duration (7d, 12h, 2w) or a date (2026-11-01)");
        }
    }

    /**
     * Where the start lies in commits given by their times, oldest first: the index of the first commit to take
     * ({@code entries.size()} when none is recent enough). A commit without a time is taken.
     */
    int indexIn(List<Instant> commitTimes) {
        if (commits > 0) {
            return Math.max(0, commitTimes.size() - commits);
        }
        for (int i = 0; i < commitTimes.size(); i++) {
            Instant at = commitTimes.get(i);
            if (at == null || !at.isBefore(since)) {
                return i;
            }
        }
        return commitTimes.size();
    }

    @Override
    public String toString() {
        return commits > 0 ? "last " + commits + " commits" : "commits since " + since;
    }
}
