package dev.maildigest.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Client of the Confluent Schema Registry REST API (a Confluent registry or our embedded one).
 * Ids are cached both ways: a schema is registered once per subject, and looked up once per id.
 */
public final class RestSchemaRegistry implements SchemaRegistry {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Integer> idBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();

    /** @param userInfo {@code user:password} for basic auth, or null */
    public RestSchemaRegistry(String baseUrl, String userInfo) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int register(String subject, Schema schema) {
        String canonical = schema.toString();
        return idBySubjectAndSchema.computeIfAbsent(subject + '\n' + canonical, k -> {
            JsonNode answer = send("POST", "/subjects/" + subject + "/versions",
                    JSON.createObjectNode().put("schema", canonical));
            int id = answer.path("id").asInt();
            schemaById.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema byId(int id) {
        return schemaById.computeIfAbsent(id, k -> {
            JsonNode answer = send("GET", "/schemas/ids/" + id, null);
            return new Schema.Parser().parse(answer.path("schema").asText());
        });
    }

    private JsonNode send(String method, String path, JsonNode body) {
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
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaRegistryException("Schema Registry at " + baseUrl + " is unreachable: " + e.getMessage(), -1, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while calling the Schema Registry at " + baseUrl, -1, -1);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            answer = JSON.createObjectNode().put("message", response.body());
        }
        if (response.statusCode() >= 300) {
            throw new SchemaRegistryException("Schema Registry " + method + " " + path + " failed: HTTP "
                    + response.statusCode() + " " + answer.path("message").asText(""),
                    response.statusCode(), answer.path("error_code").asInt(response.statusCode()));
        }
        return answer;
    }
}
