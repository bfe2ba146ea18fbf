package dev.mailsift.web.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** A plain HTTP client for the tests: what a curl user sees, no Spring test plumbing in between. */
public final class ApiClient {

    /** The content type of every error answer (RFC 9457). */
    public static final String PROBLEM_JSON = "application/problem+json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    /** A GET with extra headers (e.g. {@code X-API-Key}). */
    public Reply get(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, token).GET();
        headers.forEach(builder::header);
        return send(builder.build());
    }

    /** Any method, extra headers, an optional raw body. */
    public Reply send(String method, String path, String token, Map<String, String> headers, String body) {
        HttpRequest.Builder builder = request(path, token).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    /** A multipart/form-data upload of one file part. */
    public Reply upload(String path, String token, String part, String filename, String contentType, byte[] content) {
        return upload(path, token, part, filename, contentType, content, "POST");
    }

    /** A multipart/form-data request of one file part with the given method (POST, PUT). */
    public Reply upload(String path, String token, String part, String filename, String contentType, byte[] content,
                        String method) {
        return upload(path, token, part, filename, contentType, content, method, Map.of());
    }

    /** A multipart/form-data request of one file part, with extra headers (e.g. {@code Idempotency-Key}). */
    public Reply upload(String path, String token, String part, String filename, String contentType, byte[] content,
                        String method, Map<String, String> headers) {
        String boundary = "----mailsift" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpRequest.Builder builder = request(path, token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public Reply delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    /** A PATCH with a JSON body. */
    public Reply patch(String path, String token, Object body) {
        try {
            return send(request(path, token).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply post(String path, String token, Object body) {
        return post(path, token, body, Map.of());
    }

    public Reply post(String path, String token, Object body, Map<String, String> headers) {
        try {
            String json = body instanceof String raw ? raw : JSON.writeValueAsString(body);
            HttpRequest.Builder builder = request(path, token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            headers.forEach(builder::header);
            return send(builder.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs up and signs in; returns the new user's id and access token. */
    public Session signUp(String email, String password) {
        Reply created = post("/api/v1/users", null, Map.of("email", email, "password", password));
        if (created.status() != 201) {
            throw new AssertionError("sign-up failed: " + created);
        }
        return new Session(created.json().get("id").asText(), signIn(email, password));
    }

    public String signIn(String email, String password) {
        Reply token = post("/api/v1/auth/token", null, Map.of("email", email, "password", password));
        if (token.status() != 200) {
            throw new AssertionError("sign-in failed: " + token);
        }
        return token.json().get("access_token").asText();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                                                 .timeout(java.time.Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A list upload to {@code path} in the multipart field {@code file}, with extra headers. */
    public Reply upload(String path, String token, String fileName, byte[] content, Map<String, String> headers) {
        return upload(path, token, "file", fileName, "application/octet-stream", content, "POST", headers);
    }

    public record Session(String userId, String token) {
    }

    public record Reply(int status, String contentType, String body, Map<String, List<String>> headers) {

        /** The first value of a response header (case-insensitive), or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                          .flatMap(entry -> entry.getValue().stream()).findFirst().orElse(null);
        }

        /** Every value of a response header (case-insensitive). */
        public List<String> headers(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                          .flatMap(entry -> entry.getValue().stream()).toList();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
