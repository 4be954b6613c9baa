package dev.maildigest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON line of a parsed mail: every key always there, failures and problems spelled out. */
class ParsedMailJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KEYS = List.of("commit", "kind", "author_name", "author_email", "sender", "date",
            "subject", "clean_subject", "version", "number", "total", "labels", "message_id", "thread_root", "trailers",
            "files", "insertions", "deletions", "change_id", "applied", "problems", "failure");

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void patchLine() throws Exception {
        JsonNode json = JSON.readTree(ParsedMailJson.toJson(Mails.parse(MailParserTest.PATCH)));
        assertEquals(KEYS, keys(json));
        assertEquals(Mails.coordinates().getCommit(), json.get("commit").asText());
        assertEquals("2025-03-04T09:15:02Z", json.get("date").asText());
        assertEquals("{\"Reviewed-by\":1,\"Tested-by\":1,\"Fixes\":1,\"Link\":1,\"Signed-off-by\":2}", json.get("trailers").toString());
        assertEquals(8, json.get("deletions").asInt());
    }

    @Test
    void failureLineKeepsEveryKey() throws Exception {
        JsonNode json = JSON.readTree(ParsedMailJson.toJson(Mails.parse("no header here\n")));
        assertEquals(KEYS, keys(json));
        assertTrue(json.get("failure").asText().contains("not a mail"));
        assertTrue(json.get("author_email").isNull());
        assertTrue(json.get("version").isNull());
        assertEquals("OTHER", json.get("kind").asText());
    }

    @Test
    void appliedIsAnObjectWithItsCommits() throws Exception {
        JsonNode json = JSON.readTree(ParsedMailJson.toJson(Mails.parse(
                "From: m@example.org\nSubject: Re: [PATCH] x\nIn-Reply-To: <p@example.org>\n\n"
                + "Applied to next, thanks!\n\n[1/1] x\n      commit: 0123abcd4567\n")));
        assertEquals("{\"line\":\"Applied to next, thanks!\",\"where\":\"next\",\"commits\":[\"0123abcd4567\"]}",
                json.get("applied").toString());
        assertTrue(json.get("change_id").isNull());
    }

    @Test
    void labelsAndProblemsAreArrays() throws Exception {
        JsonNode json = JSON.readTree(ParsedMailJson.toJson(Mails.parse(
                "From: a@example.org\nSubject: [PATCH net-next kvmtool 1/2] x\nDate: 30 Feb 2025 10:00 +0000\n\nbody\n")));
        assertEquals("[\"net-next\",\"kvmtool\"]", json.get("labels").toString());
        assertTrue(json.get("problems").get(0).asText().contains("Date"), json.get("problems").toString());
    }
}
