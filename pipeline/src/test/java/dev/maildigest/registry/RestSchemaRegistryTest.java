package dev.maildigest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;
import dev.maildigest.config.UserError;

/** The REST client against the embedded registry, and against a scripted server for what it cannot do. */
class RestSchemaRegistryTest {
    private static final Schema NOTE_V1 = new Schema.Parser().parse(RegistryHttpApiTest.NOTE_V1);
    private static final Schema NOTE_V2 = new Schema.Parser().parse(RegistryHttpApiTest.NOTE_V2);
    private static final Schema NOTE_BAD = new Schema.Parser().parse(RegistryHttpApiTest.NOTE_BAD);

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private EmbeddedSchemaRegistry embedded() {
        EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(new InMemorySchemaLog(), 0);
        opened.add(registry);
        return registry;
    }

    @Test
    void registersLooksUpAndCachesIdsBothWays() {
        EmbeddedSchemaRegistry registry = embedded();
        RestSchemaRegistry client = new RestSchemaRegistry(registry.url() + "/", null);
        assertEquals(1, client.register("notes-value", NOTE_V1));
        assertEquals(1, client.register("notes-key", NOTE_V1), "same schema, same global id");
        assertEquals(2, client.register("notes-value", NOTE_V2));
        assertEquals(NOTE_V2, new RestSchemaRegistry(registry.url(), null).byId(2), "a fresh client fetches by id");

        RestSchemaRegistry.RegisteredSchema latest = client.latest("notes-value");
        assertEquals(new RestSchemaRegistry.RegisteredSchema("notes-value", 2, 2, NOTE_V2), latest);

        registry.close();
        assertEquals(2, client.register("notes-value", NOTE_V2), "registered schemas answer from the cache");
        assertEquals(NOTE_V1, client.byId(1), "schemas it registered answer from the cache");
        SchemaRegistryException down = assertThrows(SchemaRegistryException.class, () -> client.byId(3));
        assertEquals(-1, down.status());
        assertTrue(down.getMessage().startsWith("Schema Registry at " + registry.url() + " is unreachable (GET /schemas/ids/3)"), down.getMessage());
    }

    @Test
    void checksCompatibilityAgainstTheLatestVersion() {
        RestSchemaRegistry client = new RestSchemaRegistry(embedded().url(), null);
        assertTrue(client.isCompatible("notes-value", NOTE_BAD), "no version yet: anything goes");
        client.register("notes-value", NOTE_V1);
        assertTrue(client.isCompatible("notes-value", NOTE_V2));
        assertFalse(client.isCompatible("notes-value", NOTE_BAD));
    }

    @Test
    void subjectsAreEncodedInPaths() {
        RestSchemaRegistry client = new RestSchemaRegistry(embedded().url(), null);
        String subject = "lists/kvm arm+x-value";
        int id = client.register(subject, NOTE_V1);
        assertEquals(new RestSchemaRegistry.RegisteredSchema(subject, 1, id, NOTE_V1), client.latest(subject));
    }

    @Test
    void refusalsBecomeOneReadableUserError() {
        EmbeddedSchemaRegistry registry = embedded();
        RestSchemaRegistry client = new RestSchemaRegistry(registry.url(), null);
        client.register("notes-value", NOTE_V1);
        SchemaRegistryException incompatible = assertThrows(SchemaRegistryException.class, () -> client.register("notes-value", NOTE_BAD));
        assertInstanceOf(UserError.class, incompatible);
        assertEquals(409, incompatible.status());
        assertEquals(409, incompatible.errorCode());
        assertTrue(incompatible.getMessage().startsWith("Schema Registry at " + registry.url()
                + " refused POST /subjects/notes-value/versions: HTTP 409: Schema being registered is incompatible"), incompatible.getMessage());
        assertFalse(incompatible.getMessage().contains("\n"));

        SchemaRegistryException missing = assertThrows(SchemaRegistryException.class, () -> client.latest("nope-value"));
        assertEquals(404, missing.status());
        assertEquals(40401, missing.errorCode());
        assertTrue(missing.getMessage().endsWith("HTTP 404 error 40401: Subject 'nope-value' not found."), missing.getMessage());
    }

    @Test
    void serverErrorsAndOddAnswersAreReportedOnOneLine() throws IOException {
        Scripted server = scripted(503, "<html>\n<body>\n<h1>503 Service Unavailable</h1>\n" + "x".repeat(1000) + "\n</body></html>");
        RestSchemaRegistry client = new RestSchemaRegistry(server.url(), null);
        SchemaRegistryException unavailable = assertThrows(SchemaRegistryException.class, () -> client.byId(1));
        assertEquals(503, unavailable.status());
        assertEquals(503, unavailable.errorCode());
        assertFalse(unavailable.getMessage().contains("\n"), unavailable.getMessage());
        assertTrue(unavailable.getMessage().contains("HTTP 503: <html> <body> <h1>503 Service Unavailable</h1>"), unavailable.getMessage());
        assertTrue(unavailable.getMessage().length() < 500, "long bodies are cut: " + unavailable.getMessage().length());

        server.reply(200, "{\"schema\": \"{not avro\"}");
        SchemaRegistryException garbled = assertThrows(SchemaRegistryException.class, () -> client.byId(1));
        assertTrue(garbled.getMessage().contains("answered GET /schemas/ids/1 with a schema Avro cannot read"), garbled.getMessage());

        server.reply(200, "{\"answer\": 42}");
        SchemaRegistryException odd = assertThrows(SchemaRegistryException.class, () -> client.register("s-value", NOTE_V1));
        assertTrue(odd.getMessage().contains("unexpected answer to POST /subjects/s-value/versions: {\"answer\":42}"), odd.getMessage());

        server.reply(200, "not json");
        assertThrows(SchemaRegistryException.class, () -> client.isCompatible("s-value", NOTE_V1));
    }

    @Test
    void unreachableRegistryIsOneUserError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RestSchemaRegistry client = new RestSchemaRegistry("http://127.0.0.1:" + port, null);
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.register("s-value", NOTE_V1));
        assertEquals(-1, e.status());
        assertTrue(e.getMessage().startsWith("Schema Registry at http://127.0.0.1:" + port + " is unreachable (POST /subjects/s-value/versions)"),
                e.getMessage());
    }

    @Test
    void sendsBasicAuthWhenGivenCredentials() throws IOException {
        Scripted server = scripted(200, "{\"schema\": \"\\\"string\\\"\"}");
        assertEquals(Schema.create(Schema.Type.STRING), new RestSchemaRegistry(server.url(), "alice:s3cret:x").byId(5));
        assertEquals("Basic YWxpY2U6czNjcmV0Ong=", server.lastAuthorization);
        assertEquals("application/vnd.schemaregistry.v1+json", server.lastAccept);
        new RestSchemaRegistry(server.url(), null).byId(6);
        assertNull(server.lastAuthorization);
    }

    @Test
    void triesTheNextUrlWhileOneIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        EmbeddedSchemaRegistry registry = embedded();
        RestSchemaRegistry client = new RestSchemaRegistry("http://127.0.0.1:" + closedPort + ", " + registry.url() + "/", null);
        assertEquals(1, client.register("notes-value", NOTE_V1));
        assertEquals(NOTE_V1, new RestSchemaRegistry("http://127.0.0.1:" + closedPort + "," + registry.url(), null).byId(1));
    }

    @Test
    void badUrlsAreUserErrors() {
        for (String url : new String[] {"localhost:8081", "ftp://registry:21", "", " , "}) {
            SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> new RestSchemaRegistry(url, null), url);
            assertTrue(e.getMessage().startsWith("invalid Schema Registry URL") || e.getMessage().equals("no Schema Registry URL given"),
                    e.getMessage());
        }
    }

    @Test
    void takesUrlAndCredentialsFromThePipelineSettings() throws IOException {
        Scripted server = scripted(200, "{\"schema\": \"\\\"long\\\"\"}");
        Properties client = new Properties();
        client.setProperty(PipelineConfig.SCHEMA_REGISTRY_URL, server.url());
        client.setProperty(PipelineConfig.SCHEMA_REGISTRY_USER_INFO, "bob:pw");
        PipelineConfig config = new PipelineConfig("127.0.0.1:9092", null, client, Topics.of(""));
        assertEquals(Schema.create(Schema.Type.LONG), RestSchemaRegistry.of(config).byId(3));
        assertEquals("Basic Ym9iOnB3", server.lastAuthorization);
    }

    /** A server answering every request with one scripted reply, remembering the last request's headers. */
    private final class Scripted {
        final HttpServer server;
        volatile int status;
        volatile String body;
        volatile String lastAuthorization;
        volatile String lastAccept;

        Scripted(int status, String body) throws IOException {
            reply(status, body);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
                lastAccept = exchange.getRequestHeaders().getFirst("Accept");
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(this.status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            opened.add(() -> server.stop(0));
        }

        void reply(int status, String body) {
            this.status = status;
            this.body = body;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }
    }

    private Scripted scripted(int status, String body) throws IOException {
        return new Scripted(status, body);
    }
}
