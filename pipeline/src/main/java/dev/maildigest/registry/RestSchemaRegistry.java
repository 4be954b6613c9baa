package dev.maildigest.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.maildigest.config.PipelineConfig;

/**
 * Client of the Confluent Schema Registry REST API (a Confluent registry or our embedded one).
 * Ids are cached both ways: a schema is registered once per subject, and looked up once per id.
 * Every failure (unreachable, 4xx, 5xx, an answer that makes no sense) is one
 * {@link SchemaRegistryException} with a one-line message.
 */
public final class RestSchemaRegistry implements SchemaRegistry {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE_CHARS = 300;

    /** A version of a subject as the registry holds it. */
    public record RegisteredSchema(String subject, int version, int id, Schema schema) {
    }

    private final List<String> baseUrls;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Integer> idBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();

    /**
     * @param baseUrls the registry's URL, or several separated by commas (tried in order while unreachable)
     * @param userInfo {@code user:password} for basic auth, or null
     */
    public RestSchemaRegistry(String baseUrls, String userInfo) {
        this.baseUrls = parseUrls(baseUrls);
        this.authorization = userInfo == null || userInfo.isEmpty() ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /** The client of the registry in these settings: schema.registry.url and basic.auth.user.info. */
    public static RestSchemaRegistry of(PipelineConfig config) {
        return new RestSchemaRegistry(config.schemaRegistryUrl(), config.schemaRegistryUserInfo());
    }

    private static List<String> parseUrls(String urls) {
        List<String> parsed = new ArrayList<>();
        for (String url : urls == null ? new String[0] : urls.split(",")) {
            String trimmed = url.trim().replaceAll("/+$", "");
            URI uri;
            try {
                uri = new URI(trimmed);
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new SchemaRegistryException("invalid Schema Registry URL '" + url.trim() + "': give http(s)://HOST:PORT", -1, -1);
            }
            parsed.add(trimmed);
        }
        if (parsed.isEmpty()) {
            throw new SchemaRegistryException("no Schema Registry URL given", -1, -1);
        }
        return List.copyOf(parsed);
    }

    @Override
    public int register(String subject, Schema schema) {
        String text = schema.toString();
        return idBySubjectAndSchema.computeIfAbsent(subject + '\n' + text, k -> {
            String path = "/subjects/" + encode(subject) + "/versions";
            int id = intField(send("POST", path, JSON.createObjectNode().put("schema", text)), "id", "POST " + path);
            schemaById.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema byId(int id) {
        return schemaById.computeIfAbsent(id, k -> {
            String path = "/schemas/ids/" + id;
            return parse(send("GET", path, null), "GET " + path);
        });
    }

    /** The latest version of {@code subject}. */
    public RegisteredSchema latest(String subject) {
        String path = "/subjects/" + encode(subject) + "/versions/latest";
        JsonNode answer = send("GET", path, null);
        int id = intField(answer, "id", "GET " + path);
        Schema schema = schemaById.computeIfAbsent(id, k -> parse(answer, "GET " + path));
        return new RegisteredSchema(subject, intField(answer, "version", "GET " + path), id, schema);
    }

    /** Whether {@code schema} may be registered under {@code subject} by its compatibility level. */
    public boolean isCompatible(String subject, Schema schema) {
        String path = "/compatibility/subjects/" + encode(subject) + "/versions/latest";
        JsonNode answer = send("POST", path, JSON.createObjectNode().put("schema", schema.toString()));
        if (!answer.path("is_compatible").isBoolean()) {
            throw unexpected("POST " + path, answer);
        }
        return answer.get("is_compatible").asBoolean();
    }

    private JsonNode send(String method, String path, JsonNode body) {
        IOException unreachable = null;
        for (String baseUrl : baseUrls) {
            HttpResponse<String> response;
            try {
                response = http.send(request(baseUrl, method, path, body), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                unreachable = e;
                continue; // the next URL, if any
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted while calling the Schema Registry at " + baseUrl, -1, -1);
            }
            return answer(baseUrl, method, path, response);
        }
        throw new SchemaRegistryException("Schema Registry at " + String.join(",", baseUrls) + " is unreachable (" + method + " "
                + path + "): " + oneLine(unreachable.getMessage() == null ? unreachable.getClass().getSimpleName() : unreachable.getMessage()), -1, -1);
    }

    private HttpRequest request(String baseUrl, String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", CONTENT_TYPE);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        return request.build();
    }

    private JsonNode answer(String baseUrl, String method, String path, HttpResponse<String> response) {
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            answer = null;
        }
        int status = response.statusCode();
        if (status >= 300) {
            String reason = answer != null && answer.hasNonNull("message") ? answer.get("message").asText() : response.body();
            int errorCode = answer != null && answer.path("error_code").canConvertToInt() ? answer.get("error_code").asInt() : status;
            throw new SchemaRegistryException("Schema Registry at " + baseUrl + " refused " + method + " " + path + ": HTTP "
                    + status + (errorCode != status ? " error " + errorCode : "") + ": " + oneLine(reason), status, errorCode);
        }
        if (answer == null || answer.isMissingNode()) {
            throw unexpected(method + " " + path, response.body());
        }
        return answer;
    }

    private Schema parse(JsonNode answer, String request) {
        if (!answer.path("schema").isTextual()) {
            throw unexpected(request, answer);
        }
        try {
            return new Schema.Parser().parse(answer.get("schema").asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("Schema Registry at " + String.join(",", baseUrls) + " answered " + request
                    + " with a schema Avro cannot read: " + oneLine(e.getMessage()), 200, -1);
        }
    }

    private int intField(JsonNode answer, String field, String request) {
        if (!answer.path(field).canConvertToInt()) {
            throw unexpected(request, answer);
        }
        return answer.get(field).asInt();
    }

    private SchemaRegistryException unexpected(String request, Object answer) {
        return new SchemaRegistryException("Schema Registry at " + String.join(",", baseUrls) + " gave an unexpected answer to " + request
                + ": " + oneLine(String.valueOf(answer)), 200, -1);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return line.length() > MAX_MESSAGE_CHARS ? line.substring(0, MAX_MESSAGE_CHARS) + "..." : line;
    }
}
