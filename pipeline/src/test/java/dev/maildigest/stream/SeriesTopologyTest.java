package dev.maildigest.stream;

import static dev.maildigest.series.SeriesMails.ADA;
import static dev.maildigest.series.SeriesMails.BO;
import static dev.maildigest.series.SeriesMails.EVE;
import static dev.maildigest.series.SeriesMails.reviewedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.avro.Digest;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RawMail;
import dev.maildigest.avro.SeriesActivity;
import dev.maildigest.avro.SeriesStatus;
import dev.maildigest.digest.DigestFormat;
import dev.maildigest.series.SeriesMails;

/**
 * The list stage's series state end to end through the topology, with the production settings:
 * ranges in archive order whatever their arrival, state kept across a restart, repeats ignored.
 * Messages are parsed by hand (a map from commit to parsed mail), so that the change-ids and
 * applied notices are exactly as each test wants them.
 */
class SeriesTopologyTest {
    private static final Instant DAY1 = Instant.parse("2026-05-02T09:00:00Z");
    private static final Instant LATER = DAY1.plus(Duration.ofDays(6));
    private final Map<String, ParsedMail> parsed = new HashMap<>();
    @TempDir
    Path stateDir;
    @TempDir
    Path keptState;
    private DigestTopologyDriver topology;

    private void open() {
        if (topology == null) {
            topology = new DigestTopologyDriver(stateDir, keptState, r -> parsed.get(r.getCoordinates().getCommit()),
                    DigestFormat.TEXT::render);
        }
        topology.open();
    }

    @AfterEach
    void close() {
        if (topology != null) {
            topology.close();
        }
    }

    /** Sends the range's messages as raw records (their parse is looked up by commit). */
    private void send(SeriesMails range) {
        for (ParsedMail m : range.build()) {
            parsed.put(m.getCoordinates().getCommit(), m);
            topology.send(RawMail.newBuilder()
                    .setCoordinates(m.getCoordinates()).setSize(1).setMessage(ByteBuffer.wrap(new byte[] {'x'})).build());
        }
    }

    private static SeriesMails coverAndFirstHalf(long sequence, long follows) {
        SeriesMails range = SeriesMails.range("gears", "r" + sequence + "x", sequence, follows)
                .cover(ADA, "c1", 1, 8, "gears: check ratios before meshing", DAY1);
        for (int n = 1; n <= 4; n++) {
            range.patch(ADA, "c1-p" + n, 1, n, 8, "gears: part " + n, "c1", DAY1.plusSeconds(n));
        }
        return range;
    }

    private static SeriesMails secondHalf(long sequence, long follows) {
        SeriesMails range = SeriesMails.range("gears", "r" + sequence + "x", sequence, follows);
        for (int n = 5; n <= 8; n++) {
            range.patch(ADA, "c1-p" + n, 1, n, 8, "gears: part " + n, "c1", DAY1.plusSeconds(3600 + n));
        }
        return range;
    }

    @Test
    void aSeriesOverTwoRangesArrivingOutOfOrderIsCountedWholeInTheSecondDigest() {
        open();
        send(secondHalf(2, 1));
        assertTrue(topology.digests.isEmpty(), "range 2 waits for range 1");
        send(coverAndFirstHalf(1, 0));

        List<Digest> out = topology.digests.readValuesToList();
        assertEquals(List.of(1L, 2L), out.stream().map(d -> d.getRange().getSequence()).toList());
        Digest second = out.get(1);
        assertEquals("gears: check ratios before meshing", second.getSeries().get(0).getSubject());
        assertEquals(4, second.getSeries().get(0).getSeenBefore());
        SeriesActivity a = second.getSeriesActivity().get(0);
        assertEquals(List.of(8, 4), List.of(a.getSeen(), a.getSeenBefore()));

        List<String> text = topology.texts.readValuesToList();
        assertEquals(out.get(1).getText(), text.get(1), "the text topic carries the digest's own text");
        assertTrue(text.get(1).contains("[PATCH] gears: check ratios before meshing (8 of 8 patches, 4 of them in earlier digests, Ada Lindqvist)"),
                text.get(1));
        assertTrue(text.get(1).contains("===== Series activity ====="), text.get(1));
    }

    @Test
    void theSeriesStateOutlivesARestartBetweenTwoRanges() {
        open();
        send(coverAndFirstHalf(1, 0));
        assertEquals(1, topology.digests.readValuesToList().size());
        topology.close();

        open();
        send(secondHalf(2, 1).reply(BO, "rev", "c1-p2", "c1", "gears: part 2", LATER, reviewedBy(BO)));
        Digest second = topology.digests.readValue();
        SeriesActivity a = second.getSeriesActivity().get(0);
        assertEquals(4, a.getSeenBefore(), "what the first range brought was kept");
        assertTrue(a.getReviewedLater(), "patch 2 was posted before the restart");
        assertTrue(topology.texts.readValuesToList().get(0).contains("Reviews for patches posted earlier:\n  [PATCH] gears: check ratios"));
    }

    @Test
    void anAppliedNoticeAndANewVersionShowInTheirDigests() {
        open();
        send(coverAndFirstHalf(1, 0));
        send(SeriesMails.range("gears", "r2x", 2, 1)
                .cover(ADA, "c2", 2, 8, "gears: check ratios before meshing", LATER)
                .patch(ADA, "c2-p1", 2, 1, 8, "gears: part 1", "c2", LATER));
        send(SeriesMails.range("gears", "r3x", 3, 2)
                .reply(EVE, "thanks", "c2", "c2", "gears: check ratios before meshing", LATER.plusSeconds(86_400))
                .applied("Applied to gears/next, thanks!", "gears/next", "fedcba9876543210fedcba9876543210fedcba98"));
        List<Digest> out = topology.digests.readValuesToList();
        assertEquals(3, out.size());
        SeriesActivity v2 = out.get(1).getSeriesActivity().get(0);
        assertEquals("c1", v2.getSupersedes().getVersionId());
        assertTrue(out.get(1).getText().contains("supersedes v1 of 2026-05-02"), out.get(1).getText());
        SeriesActivity applied = out.get(2).getSeriesActivity().get(0);
        assertEquals(SeriesStatus.APPLIED, applied.getStatus());
        assertTrue(out.get(2).getText().contains("applied to gears/next by Eve Marsh: fedcba987654\n"), out.get(2).getText());
    }

    @Test
    void aRangeOrAMessageSeenTwiceCountsOnce() {
        open();
        send(coverAndFirstHalf(1, 0));
        send(coverAndFirstHalf(1, 0)); // the same range again
        assertEquals(1, topology.digests.readValuesToList().size());
        // The same patch again in a later range (re-sent, or ingested under another commit).
        send(SeriesMails.range("gears", "r2x", 2, 1).patch(ADA, "c1-p4", 1, 4, 8, "gears: part 4", "c1", DAY1.plusSeconds(4))
                .patch(ADA, "c1-p5", 1, 5, 8, "gears: part 5", "c1", LATER));
        SeriesActivity a = topology.digests.readValue().getSeriesActivity().get(0);
        assertEquals(List.of(5, 4), List.of(a.getSeen(), a.getSeenBefore()));
    }

    @Test
    void rangesWithoutASequenceStillGetTheirSeries() {
        open();
        send(coverAndFirstHalf(0, 0));
        send(secondHalf(0, 0));
        List<Digest> out = topology.digests.readValuesToList();
        assertEquals(2, out.size());
        assertEquals(4, out.get(1).getSeriesActivity().get(0).getSeenBefore());
    }
}
