package dev.maildigest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The embedded registry's HTTP answers, status and JSON, as Confluent's clients expect them. */
class RegistryHttpApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBJECT = "notes-value";

    static final String NOTE_V1 = """
            {"type": "record", "name": "Note", "namespace": "test.registry", "fields": [
              {"name": "title", "type": "string"},
              {"name": "pages", "type": "int"}
            ]}""";
    /** V1 plus a field with a default: BACKWARD compatible. */
    static final String NOTE_V2 = """
            {"type": "record", "name": "Note", "namespace": "test.registry", "fields": [
              {"name": "title", "type": "string"},
              {"name": "pages", "type": "int"},
              {"name": "author", "type": ["null", "string"], "default": null}
            ]}""";
    /** V1 plus a field without a default: the new schema cannot read V1 data. */
    static final String NOTE_BAD = """
            {"type": "record", "name": "Note", "namespace": "test.registry", "fields": [
              {"name": "title", "type": "string"},
              {"name": "pages", "type": "int"},
              {"name": "isbn", "type": "string"}
            ]}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private InMemorySchemaLog schemaLog;
    private EmbeddedSchemaRegistry registry;

    record Reply(int status, JsonNode body, String contentType) {
    }

    @BeforeEach
    void start() {
        schemaLog = new InMemorySchemaLog();
        registry = new EmbeddedSchemaRegistry(schemaLog, 0);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void registerAndLookupsAnswerConfluentShapes() throws Exception {
        Reply registered = post("/subjects/" + SUBJECT + "/versions", schemaBody(NOTE_V1));
        assertEquals(200, registered.status());
        assertEquals(json("{\"id\": 1}"), registered.body());
        assertEquals("application/vnd.schemaregistry.v1+json", registered.contentType());

        String canonical = new Schema.Parser().parse(NOTE_V1).toString();
        assertEquals(object("{}").put("schema", canonical), get("/schemas/ids/1").body());
        assertEquals(json("[\"notes-value\"]"), get("/subjects").body());
        assertEquals(json("[1]"), get("/subjects/notes-value/versions").body());
        JsonNode version = object("{\"subject\": \"notes-value\", \"version\": 1, \"id\": 1}").put("schema", canonical);
        assertEquals(version, get("/subjects/notes-value/versions/1").body());
        assertEquals(version, get("/subjects/notes-value/versions/latest").body());
        assertEquals(version, get("/subjects/notes-value/versions/-1").body());
        assertEquals(JSON.readTree(canonical), get("/subjects/notes-value/versions/1/schema").body());
        assertEquals(JSON.readTree(canonical), get("/schemas/ids/1/schema").body());
        assertEquals(version, post("/subjects/notes-value", schemaBody(NOTE_V1)).body(), "lookup of a registered schema");
        assertEquals(json("{}"), get("/").body());
    }

    @Test
    void reRegisteringASchemaReturnsItsIdWithoutANewVersion() throws Exception {
        assertEquals(1, post("/subjects/notes-value/versions", schemaBody(NOTE_V1)).body().get("id").asInt());
        String reformatted = NOTE_V1.replace("\n", " ").replace("  ", " ");
        assertEquals(1, post("/subjects/notes-value/versions", schemaBody(reformatted)).body().get("id").asInt());
        assertEquals(json("[1]"), get("/subjects/notes-value/versions").body());

        Reply elsewhere = post("/subjects/archive-value/versions", schemaBody(NOTE_V1));
        assertEquals(1, elsewhere.body().get("id").asInt(), "the same schema keeps its global id in another subject");
        assertEquals(json("[\"archive-value\", \"notes-value\"]"), get("/subjects").body());
        assertEquals(2, schemaLog.entries().size(), "one record per subject, none for the re-registration");
    }

    @Test
    void compatibleChangeGetsANewVersionAndIncompatibleOneA409() throws Exception {
        post("/subjects/notes-value/versions", schemaBody(NOTE_V1));
        assertEquals(json("{\"id\": 2}"), post("/subjects/notes-value/versions", schemaBody(NOTE_V2)).body());
        assertEquals(json("[1, 2]"), get("/subjects/notes-value/versions").body());
        assertEquals(2, get("/subjects/notes-value/versions/latest").body().get("version").asInt());

        Reply refused = post("/subjects/notes-value/versions", schemaBody(NOTE_BAD));
        assertEquals(409, refused.status());
        assertEquals(List.of("error_code", "message"), fieldNames(refused.body()));
        assertEquals(409, refused.body().get("error_code").asInt());
        String message = refused.body().get("message").asText();
        assertTrue(message.startsWith("Schema being registered is incompatible with an earlier schema for subject \"notes-value\""), message);
        assertTrue(message.contains("READER_FIELD_MISSING_DEFAULT_VALUE") && message.contains("isbn"), message);
        assertTrue(message.contains("{compatibility: 'BACKWARD'}"), message);
        assertEquals(json("[1, 2]"), get("/subjects/notes-value/versions").body(), "nothing registered");
    }

    @Test
    void compatibilityCheckAnswersWithoutRegistering() throws Exception {
        post("/subjects/notes-value/versions", schemaBody(NOTE_V1));
        assertEquals(json("{\"is_compatible\": true}"), post("/compatibility/subjects/notes-value/versions/latest", schemaBody(NOTE_V2)).body());
        assertEquals(json("{\"is_compatible\": false}"), post("/compatibility/subjects/notes-value/versions/latest", schemaBody(NOTE_BAD)).body());
        assertEquals(json("{\"is_compatible\": false}"), post("/compatibility/subjects/notes-value/versions/1", schemaBody(NOTE_BAD)).body());
        JsonNode verbose = post("/compatibility/subjects/notes-value/versions/latest?verbose=true", schemaBody(NOTE_BAD)).body();
        assertFalse(verbose.get("is_compatible").asBoolean());
        assertTrue(verbose.get("messages").get(0).asText().contains("isbn"), verbose.toString());
        assertEquals(json("{\"is_compatible\": true}"), post("/compatibility/subjects/unknown-value/versions/latest", schemaBody(NOTE_BAD)).body(),
                "nothing to break in a subject without versions");
        assertError(404, 40402, "Version 7 not found.", post("/compatibility/subjects/notes-value/versions/7", schemaBody(NOTE_V2)));
        assertError(404, 40401, "Subject 'unknown-value' not found.", post("/compatibility/subjects/unknown-value/versions/1", schemaBody(NOTE_V2)));
        assertEquals(json("[1]"), get("/subjects/notes-value/versions").body());
    }

    @Test
    void errorsCarryConfluentCodes() throws Exception {
        post("/subjects/notes-value/versions", schemaBody(NOTE_V1));
        assertError(404, 40403, "Schema 99 not found", get("/schemas/ids/99"));
        assertError(404, 40401, "Subject 'nope' not found.", get("/subjects/nope/versions"));
        assertError(404, 40401, "Subject 'nope' not found.", get("/subjects/nope/versions/latest"));
        assertError(404, 40402, "Version 9 not found.", get("/subjects/notes-value/versions/9"));
        assertError(404, 40403, "Schema not found", post("/subjects/notes-value", schemaBody(NOTE_V2)));
        for (String version : List.of("0", "abc", "-2")) {
            Reply reply = get("/subjects/notes-value/versions/" + version);
            assertEquals(422, reply.status(), version);
            assertEquals(42202, reply.body().get("error_code").asInt(), version);
        }
        Reply invalid = post("/subjects/notes-value/versions", schemaBody("{\"type\": \"record\", \"name\": \"X\", \"fields\": [{\"name\": \"a\", \"type\": \"nosuchtype\"}]}"));
        assertEquals(422, invalid.status());
        assertEquals(42201, invalid.body().get("error_code").asInt());
        Reply badDefault = post("/subjects/notes-value/versions", schemaBody("{\"type\": \"record\", \"name\": \"X\", \"fields\": [{\"name\": \"a\", \"type\": \"int\", \"default\": \"one\"}]}"));
        assertEquals(42201, badDefault.body().get("error_code").asInt(), badDefault.body().toString());
        assertEquals(42201, post("/subjects/notes-value/versions", "{\"schema\": \"syntax = \\\"proto3\\\";\", \"schemaType\": \"PROTOBUF\"}").body().get("error_code").asInt());
        assertEquals(42201, post("/subjects/notes-value/versions", "{}").body().get("error_code").asInt());
        assertEquals(400, post("/subjects/notes-value/versions", "{\"schema\": ").status());
        assertError(404, 404, "HTTP 404 Not Found", get("/no/such/thing"));
        assertError(404, 404, "HTTP 404 Not Found", get("/schemas/ids/one"));
        assertError(405, 405, "HTTP 405 Method Not Allowed", post("/schemas/ids/1", "{}"));
        assertEquals(json("[1]"), get("/subjects/notes-value/versions").body());
    }

    @Test
    void compatibilityLevelsGlobalAndPerSubject() throws Exception {
        assertEquals(json("{\"compatibilityLevel\": \"BACKWARD\"}"), get("/config").body());
        assertEquals(json("{\"compatibility\": \"FULL\"}"), put("/config", "{\"compatibility\": \"full\"}").body());
        assertEquals(json("{\"compatibilityLevel\": \"FULL\"}"), get("/config").body());
        assertError(404, 40408, "Subject 'notes-value' does not have subject-level compatibility configured", get("/config/notes-value"));
        assertEquals(json("{\"compatibilityLevel\": \"FULL\"}"), get("/config/notes-value?defaultToGlobal=true").body());

        post("/subjects/notes-value/versions", schemaBody(NOTE_V1));
        assertEquals(409, post("/subjects/notes-value/versions", schemaBody(NOTE_BAD)).status());
        assertEquals(json("{\"compatibility\": \"NONE\"}"), put("/config/notes-value", "{\"compatibility\": \"NONE\"}").body());
        assertEquals(json("{\"compatibilityLevel\": \"NONE\"}"), get("/config/notes-value").body());
        assertEquals(json("{\"id\": 2}"), post("/subjects/notes-value/versions", schemaBody(NOTE_BAD)).body(), "NONE lets anything in");
        assertEquals(json("{\"compatibilityLevel\": \"FULL\"}"), get("/config").body(), "the global level is untouched");

        assertError(422, 42203, "Invalid compatibility level. Valid values are none, backward, forward, full, "
                + "backward_transitive, forward_transitive, and full_transitive", put("/config", "{\"compatibility\": \"SIDEWAYS\"}"));
        assertEquals(42203, put("/config/notes-value", "{}").body().get("error_code").asInt());
    }

    @Test
    void anyAcceptHeaderAndBodyTypeIsServed() throws Exception {
        for (String accept : new String[] {null, "application/json", "*/*",
                "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/notes-value/versions"))
                    .POST(HttpRequest.BodyPublishers.ofString(schemaBody(NOTE_V1)));
            if (accept != null) {
                request.header("Accept", accept).header("Content-Type", "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), "Accept: " + accept);
            assertEquals(json("{\"id\": 1}"), JSON.readTree(response.body()), "Accept: " + accept);
        }
    }

    @Test
    void logHoldsConfluentRecordsAndAnotherRegistryRebuildsFromIt() throws Exception {
        post("/subjects/notes-value/versions", schemaBody(NOTE_V1));
        put("/config", "{\"compatibility\": \"FORWARD\"}");
        put("/config/notes-value", "{\"compatibility\": \"NONE\"}");
        String canonical = new Schema.Parser().parse(NOTE_V1).toString();
        assertEquals(List.of(
                new SchemaLog.Entry("{\"keytype\":\"SCHEMA\",\"subject\":\"notes-value\",\"version\":1,\"magic\":1}",
                        JSON.createObjectNode().put("subject", "notes-value").put("version", 1).put("id", 1)
                                .put("schema", canonical).put("deleted", false).toString()),
                new SchemaLog.Entry("{\"keytype\":\"CONFIG\",\"magic\":0}", "{\"compatibilityLevel\":\"FORWARD\"}"),
                new SchemaLog.Entry("{\"keytype\":\"CONFIG\",\"subject\":\"notes-value\",\"magic\":0}", "{\"compatibilityLevel\":\"NONE\"}")),
                schemaLog.entries());

        try (EmbeddedSchemaRegistry second = new EmbeddedSchemaRegistry(new InMemorySchemaLog(schemaLog), 0)) {
            assertEquals(object("{}").put("schema", canonical), call(second.url(), "GET", "/schemas/ids/1", null).body());
            assertEquals(json("{\"compatibilityLevel\": \"FORWARD\"}"), call(second.url(), "GET", "/config", null).body());
            assertEquals(json("{\"compatibilityLevel\": \"NONE\"}"), call(second.url(), "GET", "/config/notes-value", null).body());
            assertEquals(json("{\"id\": 2}"), call(second.url(), "POST", "/subjects/other-value/versions", schemaBody(NOTE_V2)).body());
        }
        assertEquals(json("[\"notes-value\", \"other-value\"]"), get("/subjects").body(), "the first registry reads what the second wrote");
        assertEquals(json("{\"id\": 3}"), post("/subjects/third-value/versions",
                schemaBody(NOTE_V1.replace("\"Note\"", "\"Memo\""))).body(), "ids stay unique across registries of one log");
    }

    private static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private static ObjectNode object(String text) throws IOException {
        return (ObjectNode) JSON.readTree(text);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertError(int status, int errorCode, String message, Reply reply) {
        assertEquals(status, reply.status(), reply.body().toString());
        assertEquals(JSON.createObjectNode().put("error_code", errorCode).put("message", message), reply.body());
    }

    private Reply get(String path) throws Exception {
        return call(registry.url(), "GET", path, null);
    }

    private Reply post(String path, String body) throws Exception {
        return call(registry.url(), "POST", path, body);
    }

    private Reply put(String path, String body) throws Exception {
        return call(registry.url(), "PUT", path, body);
    }

    private Reply call(String base, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/vnd.schemaregistry.v1+json")
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()),
                response.headers().firstValue("Content-Type").orElse(null));
    }
}
