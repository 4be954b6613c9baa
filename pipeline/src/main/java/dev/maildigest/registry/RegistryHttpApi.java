package dev.maildigest.registry;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.Schema;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.maildigest.registry.CompatibilityLevel.Problem;
import dev.maildigest.registry.RegistryState.Registration;
import dev.maildigest.registry.RegistryState.Version;

/**
 * The subset of Confluent's Schema Registry REST API that producers, consumers and Confluent's
 * own clients use, with Confluent's JSON shapes and error codes. Avro schemas only.
 * <pre>
 * GET  /                                            {}
 * GET  /schemas/ids/{id}                            {"schema": "..."}
 * GET  /schemas/ids/{id}/schema                     the schema itself
 * GET  /subjects                                    ["s", ...]
 * POST /subjects/{s}                                {"subject","version","id","schema"} of that schema
 * GET  /subjects/{s}/versions                       [1, 2, ...]
 * POST /subjects/{s}/versions                       {"id": N}
 * GET  /subjects/{s}/versions/{version|latest}      {"subject","version","id","schema"}
 * GET  /subjects/{s}/versions/{version}/schema      the schema itself
 * POST /compatibility/subjects/{s}/versions/{v}     {"is_compatible": true} (+ "messages" with ?verbose=true)
 * GET|PUT /config, /config/{s}                      {"compatibilityLevel": L} | {"compatibility": L}
 * </pre>
 * Requests may come with any Accept header or none; bodies are read as JSON whatever their type.
 *
 * <p>Writes (registering, setting a level) pass {@link RegistryAccess} first, before their body
 * is read. A body is read without holding a worker thread, within the request timeout: a client
 * that sends headers and stalls costs a connection until the server's idle timeout, never a
 * thread. The answer is then computed on a worker of the server's bounded pool.
 */
final class RegistryHttpApi extends Handler.Abstract {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger log = LoggerFactory.getLogger(RegistryHttpApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    /** An answer: HTTP status and Confluent's JSON. */
    private record Answer(int status, JsonNode body) {
    }

    /** What a request asks, read before its body: the body comes later, or never. */
    private record Call(String method, List<String> path, Map<String, String> query) {
        /** Registering a schema and setting a level change the registry; anything else reads. */
        boolean writes() {
            String area = path.isEmpty() ? "" : path.get(0);
            return method.equals("POST") && area.equals("subjects") && path.size() == 3 && path.get(2).equals("versions")
                    || method.equals("PUT") && area.equals("config");
        }

        boolean hasBody() {
            return method.equals("POST") || method.equals("PUT");
        }
    }

    private final RegistryStore store;
    private final RegistryAccess access;
    private final Duration requestTimeout;
    private final Executor workers;

    RegistryHttpApi(RegistryStore store, RegistryAccess access, Duration requestTimeout, Executor workers) {
        super(InvocationType.BLOCKING);
        this.store = store;
        this.access = access;
        this.requestTimeout = requestTimeout;
        this.workers = workers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String rawPath = request.getHttpURI().getPath();
        Call call;
        try {
            call = new Call(request.getMethod(), segments(rawPath), query(request.getHttpURI().getQuery()));
        } catch (IllegalArgumentException e) { // a bad %-escape
            send(response, callback, error(400, 400, "Bad request URI: " + e.getMessage()));
            return true;
        }
        if (call.writes()) {
            RegistryError refused = access.refusal(request.getHeaders().get(HttpHeader.AUTHORIZATION));
            if (refused != null) {
                if (refused.status == 401) {
                    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, RegistryAccess.CHALLENGE);
                }
                log.info("schema registry write refused method={} path={} status={} remote={}",
                        call.method(), rawPath, refused.status, Request.getRemoteAddr(request));
                send(response, callback, error(refused.status, refused.errorCode, refused.getMessage()));
                return true;
            }
        }
        if (!call.hasBody()) {
            send(response, callback, answer(call, rawPath, null));
            return true;
        }
        if (request.getLength() > MAX_BODY_BYTES) {
            send(response, callback, tooLarge());
            return true;
        }
        Content.Source.asByteArrayAsync(request, MAX_BODY_BYTES)
                .orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((bytes, failure) -> {
                    Answer answer;
                    if (failure == null) {
                        answer = answer(call, rawPath, bytes);
                    } else {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                        if (cause instanceof TimeoutException) {
                            log.info("schema registry request body not received in time method={} path={} timeout={} remote={}",
                                    call.method(), rawPath, requestTimeout, Request.getRemoteAddr(request));
                            answer = error(408, 408, "Request body not received within " + requestTimeout.toSeconds() + " s");
                        } else if (cause instanceof IllegalStateException || cause instanceof IllegalArgumentException) {
                            answer = tooLarge(); // Jetty refuses content past the limit this way
                        } else {
                            answer = error(400, 400, "Request body unreadable: " + cause.getMessage());
                        }
                    }
                    send(response, callback, answer);
                }, workers);
        return true;
    }

    /** The answer to a call whose body, if it has one, has arrived. */
    private Answer answer(Call call, String rawPath, byte[] body) {
        try {
            return route(call.method(), call.path(), call.query(), body);
        } catch (RegistryError e) {
            if (e.status >= 500) {
                log.warn("schema registry request failed method={} path={} error_code={} reason=\"{}\"",
                        call.method(), rawPath, e.errorCode, e.getMessage(), e);
            }
            return error(e.status, e.errorCode, e.getMessage());
        } catch (RuntimeException | JsonProcessingException e) {
            log.error("schema registry request failed method={} path={}", call.method(), rawPath, e);
            return error(500, 500, "Internal error: " + e);
        }
    }

    private static void send(Response response, Callback callback, Answer answer) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(answer.body());
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return;
        }
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private static Answer tooLarge() {
        return error(413, 413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
    }

    private Answer route(String method, List<String> path, Map<String, String> query, byte[] body) throws JsonProcessingException {
        String area = path.isEmpty() ? "" : path.get(0);
        int n = path.size();
        switch (area) {
            case "" -> {
                return only("GET", method, () -> ok(JSON.createObjectNode()));
            }
            case "schemas" -> {
                if ((n == 3 || n == 4 && path.get(3).equals("schema")) && path.get(1).equals("ids")) {
                    return only("GET", method, () -> {
                        int id = schemaId(path.get(2));
                        String schema = store.read(s -> s.schema(id));
                        return ok(n == 3 ? JSON.createObjectNode().put("schema", schema) : JSON.readTree(schema));
                    });
                }
            }
            case "subjects" -> {
                if (n == 1) {
                    return only("GET", method, () -> ok(JSON.valueToTree(store.read(RegistryState::subjects))));
                }
                String subject = path.get(1);
                if (n == 2) {
                    return only("POST", method, () -> {
                        Schema schema = schemaIn(body(body));
                        return ok(versionJson(store.read(s -> s.find(subject, schema))));
                    });
                }
                if (n == 3 && path.get(2).equals("versions")) {
                    if (method.equals("POST")) {
                        return ok(JSON.createObjectNode().put("id", register(subject, schemaIn(body(body)))));
                    }
                    return only("GET", method, () -> ok(JSON.valueToTree(store.read(s -> s.versions(subject)))));
                }
                if ((n == 4 || n == 5 && path.get(4).equals("schema")) && path.get(2).equals("versions")) {
                    return only("GET", method, () -> {
                        int version = version(path.get(3));
                        Version v = store.read(s -> s.version(subject, version));
                        return ok(n == 4 ? versionJson(v) : JSON.readTree(v.schema()));
                    });
                }
            }
            case "compatibility" -> {
                if (n == 5 && path.get(1).equals("subjects") && path.get(3).equals("versions")) {
                    return only("POST", method, () -> compatibility(path.get(2), version(path.get(4)),
                            schemaIn(body(body)), Boolean.parseBoolean(query.get("verbose"))));
                }
            }
            case "config" -> {
                if (n <= 2) {
                    String subject = n == 2 ? path.get(1) : null;
                    if (method.equals("PUT")) {
                        return setLevel(subject, body(body));
                    }
                    return only("GET", method, () -> {
                        CompatibilityLevel level = store.read(s -> s.configuredLevel(subject));
                        if (level == null && subject == null) {
                            level = CompatibilityLevel.DEFAULT;
                        } else if (level == null && Boolean.parseBoolean(query.get("defaultToGlobal"))) {
                            level = store.read(s -> s.level(subject));
                        } else if (level == null) {
                            throw RegistryError.subjectCompatibilityNotConfigured(subject);
                        }
                        return ok(JSON.createObjectNode().put("compatibilityLevel", level.name()));
                    });
                }
            }
            default -> {
                // falls through to 404
            }
        }
        return error(404, 404, "HTTP 404 Not Found");
    }

    private int register(String subject, Schema schema) {
        Registration r = store.write(s -> {
            Registration planned = s.plan(subject, schema);
            return new RegistryStore.Planned<>(planned, planned.writes());
        });
        if (!r.writes().isEmpty()) {
            log.info("schema registered subject={} version={} id={} name={}", subject, r.version(), r.id(), schema.getFullName());
        }
        return r.id();
    }

    private Answer compatibility(String subject, int version, Schema schema, boolean verbose) {
        List<Problem> problems = store.read(s -> {
            if (version == -1 && !s.subjects().contains(subject)) {
                return List.<Problem>of(); // nothing to be incompatible with, as Confluent answers
            }
            return s.problems(subject, schema, version);
        });
        ObjectNode answer = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
        if (verbose) {
            ArrayNode messages = answer.putArray("messages");
            problems.forEach(p -> messages.add(p.toString()));
        }
        return ok(answer);
    }

    private Answer setLevel(String subject, JsonNode body) {
        CompatibilityLevel level = CompatibilityLevel.forName(body.path("compatibility").asText(null));
        if (level == null) {
            throw RegistryError.invalidCompatibilityLevel();
        }
        store.write(s -> new RegistryStore.Planned<>(level, List.of(SchemaLogRecords.config(subject, level))));
        log.info("compatibility set subject={} level={}", subject == null ? "(global)" : subject, level);
        return ok(JSON.createObjectNode().put("compatibility", level.name()));
    }

    private static ObjectNode versionJson(Version v) {
        return JSON.createObjectNode().put("subject", v.subject()).put("version", v.version())
                .put("id", v.id()).put("schema", v.schema());
    }

    /** The Avro schema of a register or check request: {"schema": "...", "schemaType"?, "references"?}. */
    private static Schema schemaIn(JsonNode body) {
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equalsIgnoreCase("AVRO")) {
            throw RegistryError.invalidSchema("Invalid schema type " + type + ": this registry keeps Avro schemas only");
        }
        if (body.path("references").size() > 0) {
            throw RegistryError.invalidSchema("Schema references are not supported by this registry");
        }
        JsonNode schema = body.get("schema");
        return RegistryState.parse(schema == null || !schema.isTextual() ? null : schema.asText());
    }

    private static JsonNode body(byte[] bytes) {
        try {
            JsonNode node = bytes == null || bytes.length == 0 ? null : JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new RegistryError(400, 400, "Request body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new RegistryError(400, 400, "Unreadable JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new RegistryError(400, 400, "Unreadable JSON: " + e.getMessage());
        }
    }

    private static int schemaId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RegistryError(404, 404, "HTTP 404 Not Found");
        }
    }

    /** A version as Confluent accepts it: 1 to 2^31-1, or "latest" / -1 for the latest (given as -1). */
    private static int version(String text) {
        if (text.equalsIgnoreCase("latest")) {
            return -1;
        }
        try {
            int version = Integer.parseInt(text.trim());
            if (version == -1 || version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw RegistryError.invalidVersion(text);
    }

    @FunctionalInterface
    private interface Action {
        Answer run() throws JsonProcessingException;
    }

    private static Answer only(String allowed, String method, Action action) throws JsonProcessingException {
        return allowed.equals(method) ? action.run() : error(405, 405, "HTTP 405 Method Not Allowed");
    }

    private static Answer ok(JsonNode body) {
        return new Answer(200, body);
    }

    private static Answer error(int status, int errorCode, String message) {
        return new Answer(status, JSON.createObjectNode().put("error_code", errorCode).put("message", message));
    }

    /** Path segments, each percent-decoded on its own so that a subject may hold an encoded '/'. */
    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : (rawPath == null ? "" : rawPath).split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}
