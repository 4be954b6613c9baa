package dev.maildigest.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.maildigest.ops.PipelineStatus.ArchiveStatus;
import dev.maildigest.ops.PipelineStatus.GroupStatus;
import dev.maildigest.ops.PipelineStatus.LastDigest;
import dev.maildigest.ops.PipelineStatus.PartitionLag;
import dev.maildigest.ops.PipelineStatus.TopicStatus;

class StatusTextTest {
    private static final Instant AT = Instant.parse("2026-11-27T08:30:00Z");

    private static PipelineStatus sample() {
        return new PipelineStatus(AT, "127.0.0.1:9092",
                List.of(new TopicStatus("mail.raw", 4, 12_345, true, 5L * 1024 * 1024),
                        new TopicStatus("mail.digests.text", 4, 17, false, 2048L)),
                List.of(new GroupStatus("maildigest-stream", "classic", "Stable", 7,
                        List.of(new PartitionLag("mail.raw", 0, 100L, 107, 7), new PartitionLag("mail.raw", 1, null, 0, 0)))),
                List.of(new ArchiveStatus("kvm", "https://lists.example/kvm/0", 0,
                        "98cb905c0123456789abcdef0123456789abcdef", AT.minusSeconds(3600), AT, 21_367, 21_360, 12, 0, 3L)),
                new LastDigest("mail.digests.text", "kvm/26b723fc..98cb905c", AT, 2, 41,
                        "KVM mailing list update from 26b723fc to 98cb905c"),
                List.of("sizes unknown: not authorized"));
    }

    @Test
    void tablesAlignTheirColumnsAndNumbersReadEasily() {
        String text = StatusText.render(sample());
        List<String> lines = text.lines().toList();

        String header = lines.stream().filter(l -> l.startsWith("TOPIC")).findFirst().orElseThrow();
        String raw = lines.stream().filter(l -> l.startsWith("mail.raw ")).findFirst().orElseThrow();
        String digests = lines.stream().filter(l -> l.startsWith("mail.digests.text")).findFirst().orElseThrow();
        // numbers are right-aligned under the end of their header
        int recordsEnd = header.indexOf("RECORDS") + "RECORDS".length();
        assertEquals(recordsEnd, raw.indexOf("12,345") + "12,345".length());
        assertEquals(recordsEnd, digests.indexOf("≤17") + "≤17".length(), "an upper bound is marked");
        assertTrue(raw.endsWith("5.0 MiB"));
        assertTrue(text.contains("upper bound"));
    }

    @Test
    void showsLagPerPartitionArchivesAndTheLastDigest() {
        String text = StatusText.render(sample());

        assertTrue(text.lines().anyMatch(l -> l.matches("maildigest-stream +classic +Stable +mail\\.raw +0 +100 +107 +7")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("maildigest-stream +classic +Stable +mail\\.raw +1 +- +0 +0")), text);
        assertTrue(text.contains("total lag maildigest-stream: 7"));
        assertTrue(text.contains("98cb905c0123 "), "commit shortened to 12");
        assertTrue(text.contains("21,367"));
        assertTrue(text.contains("KVM mailing list update from 26b723fc to 98cb905c"));
        assertTrue(text.contains("key=kvm/26b723fc..98cb905c at=2026-11-27 08:30:00Z"));
        assertTrue(text.contains("- sizes unknown: not authorized"));
    }

    @Test
    void jsonIsOneDocumentWithIsoTimes() throws Exception {
        JsonNode json = new ObjectMapper().readTree(sample().toJson());

        assertEquals("2026-11-27T08:30:00Z", json.path("collectedAt").asText());
        assertEquals(12_345, json.path("topics").get(0).path("records").asLong());
        assertTrue(json.path("topics").get(0).path("exact").asBoolean());
        assertEquals(7, json.path("groups").get(0).path("lag").asLong());
        assertTrue(json.path("groups").get(0).path("partitions").get(1).path("committed").isNull());
        assertEquals("2026-11-27T07:30:00Z", json.path("archives").get(0).path("committedAt").asText());
        assertEquals(3, json.path("archives").get(0).path("commitsBehind").asLong());
        assertEquals("kvm/26b723fc..98cb905c", json.path("lastDigest").path("key").asText());
    }

    @Test
    void anEmptyPipelineSaysSo() {
        String text = StatusText.render(new PipelineStatus(AT, "b:9092", List.of(), List.of(), List.of(), null, List.of()));

        assertTrue(text.contains("(none yet)"));
        assertTrue(text.contains("Topics\n(none)"));
    }
}
