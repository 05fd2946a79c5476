package org.compliantsms.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A fuzzing pass over every operation of a running service's OpenAPI document: without a token, with a forged
 * one, and with the admin's token and bad input (path parameters at their boundaries, no body, bodies that are not
 * JSON, of the wrong shape, with every field of the wrong type, huge, of the wrong content type). Every answer must
 * be a clear 4xx, never a 5xx, and no bad input may be answered 2xx by an operation that writes. Operations
 * without parameters or body are only called without a valid token (with one they would simply run).
 */
public final class EndpointFuzzer {
    /** Over the request body limit of the services' small endpoints (inbound's webhooks take 16 KiB). */
    private static final int LARGE_BODY = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVALID_UTF8 = "invalid UTF-8";
    private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");
    private static final List<String> PATH_VALUES = List.of("0", "-1", "%20", "..%2F..%2Fetc", "%00", "+33",
            "99999999999999999999", "%F0%9F%98%80", "'%20OR%201%3D1", "a".repeat(3000),
            "00000000-0000-0000-0000-000000000000");
    private static final List<Object> WRONG_VALUES = List.of(12345, -1, true, List.of(1, 2), Map.of("x", 1), "",
            "\u0000", "😀".repeat(500));

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(20261203);
    private final List<String> failures = new ArrayList<>();
    private JsonNode document;
    private int requests;

    public EndpointFuzzer(URI base) {
        this.base = base;
    }

    /**
     * Runs the pass against the service at {@code base} and fails with every answer that broke the rules.
     *
     * @param atLeast requests the service's document must lead to (a check that the operations were found)
     */
    public static void assertEveryOperationRefusesBadRequests(URI base, int atLeast) {
        EndpointFuzzer fuzzer = new EndpointFuzzer(base);
        List<String> failures = fuzzer.run();
        System.out.printf("endpoint fuzzing: %d requests, %d broke the rules%n", fuzzer.requests(), failures.size());
        assertTrue(fuzzer.requests() >= atLeast, "the document lists the operations: " + fuzzer.requests()
                + " requests, at least " + atLeast + " expected");
        assertTrue(failures.isEmpty(), failures.size() + " answers broke the rules:\n" + String.join("\n", failures));
    }

    /** @return every request that broke the rules, "METHOD path (variant) -> status body" */
    public List<String> run() {
        document = openApi();
        JsonNode paths = document.path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext();) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext();) {
                Map.Entry<String, JsonNode> method = m.next();
                if (Set.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                    fuzz(path.getKey(), method.getKey(), method.getValue());
                }
            }
        }
        return failures;
    }

    public int requests() {
        return requests;
    }

    private void fuzz(String template, String method, JsonNode operation) {
        boolean secured = operation.has("security") || operation.path("responses").has("401");
        String valid = fill(template, "1");
        if (secured) {
            refused(method, valid, "no token", null);
            refused(method, valid, "forged token", TestTokens.signedByAnotherKey("admin"));
            refused(method, valid, "expired token", TestTokens.expired("admin"));
        }
        boolean hasPathParams = template.contains("{");
        JsonNode body = operation.path("requestBody").path("content");
        if (!hasPathParams && body.isMissingNode()) {
            return;
        }
        String admin = TestTokens.token("admin");
        if (hasPathParams) {
            for (String value : PATH_VALUES) {
                send(method, fill(template, value), "path " + abbreviate(value), admin, null, null);
            }
        }
        if (body.isMissingNode()) {
            return;
        }
        String contentType = body.fieldNames().hasNext() ? body.fieldNames().next() : "application/json";
        boolean json = contentType.contains("json");
        List<String[]> bodies = new ArrayList<>();
        bodies.add(new String[] { "no body", contentType, "" });
        bodies.add(new String[] { "not JSON", contentType, "{\"a\": oops" });
        bodies.add(new String[] { "JSON null", contentType, "null" });
        bodies.add(new String[] { "JSON array", contentType, "[1,2,3]" });
        bodies.add(new String[] { INVALID_UTF8, contentType, new String(new byte[] { (byte) 0xC3, (byte) 0x28 },
                StandardCharsets.ISO_8859_1) });
        bodies.add(new String[] { "huge", contentType, "{\"x\":\"" + "a".repeat(2_000_000) + "\"}" });
        bodies.add(new String[] { "wrong content type", json ? "application/xml" : "application/json", "<a/>" });
        if (json) {
            JsonNode properties = schemaProperties(body.path(contentType).path("schema"));
            for (int i = 0; i < 3 && properties != null; i++) {
                bodies.add(new String[] { "wrong types #" + i, contentType, wrongTypes(properties) });
            }
        } else {
            bodies.add(new String[] { "CSV without its header", contentType, "\n\n,,,\n" });
            bodies.add(new String[] { "CSV of garbage", contentType, "\u0000\u0001\"\"\"\n\"" });
        }
        for (String[] variant : bodies) {
            HttpResponse<String> response = send(method, valid, variant[0], admin, variant[1], variant[2]);
            if (response != null && WRITES.contains(method) && response.statusCode() / 100 == 2) {
                failures.add(describe(method, valid, variant[0], response) + " (bad input accepted by a write)");
            }
        }
    }

    /** A request without a valid token: refused with a 4xx (401 or 403, or 404/400 for a path it cannot match). */
    private void refused(String method, String path, String variant, String token) {
        HttpResponse<String> response = send(method, path, variant, token, null, null);
        if (response != null && response.statusCode() / 100 != 4) {
            failures.add(describe(method, path, variant, response) + " (expected a 4xx without a valid token)");
        }
    }

    private HttpResponse<String> send(String method, String path, String variant, String token, String type,
            String body) {
        requests++;
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.substring(1)))
                .timeout(Duration.ofSeconds(30))
                .method(method.toUpperCase(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body.getBytes(variant.equals(INVALID_UTF8)
                                ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (type != null) {
            request.header("Content-Type", type);
        }
        // A body over the service's limit is answered 413 and the connection closed while the client may still be
        // writing it: the client then sometimes loses the answer (a reset before it reads). Sent again, up to three
        // times; a service that never answers still fails.
        int attempts = body != null && body.length() > LARGE_BODY ? 3 : 1;
        for (int attempt = 1;; attempt++) {
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 500) {
                    failures.add(describe(method, path, variant, response));
                }
                return response;
            } catch (IOException e) {
                if (attempt < attempts) {
                    continue;
                }
                failures.add(method.toUpperCase() + " " + abbreviate(path) + " (" + variant + ") -> no answer"
                        + (attempts > 1 ? " in " + attempts + " attempts" : "") + ": " + e);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private JsonNode openApi() {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("q/openapi?format=json"))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return JSON.readTree(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode schemaProperties(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asText().replace("#/components/schemas/", "");
            schema = document.path("components").path("schemas").path(name);
        }
        JsonNode properties = schema.path("properties");
        return properties.isObject() && properties.size() > 0 ? properties : null;
    }

    private String wrongTypes(JsonNode properties) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        for (Iterator<String> names = properties.fieldNames(); names.hasNext();) {
            body.put(names.next(), WRONG_VALUES.get(random.nextInt(WRONG_VALUES.size())));
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fill(String template, String value) {
        return template.replaceAll("\\{[^}]+}", value);
    }

    private static String describe(String method, String path, String variant, HttpResponse<String> response) {
        return method.toUpperCase() + " " + abbreviate(path) + " (" + variant + ") -> " + response.statusCode() + " "
                + abbreviate(response.body());
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
