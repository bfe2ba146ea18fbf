package dev.mailsift.web.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Isolation between users, walked over every endpoint of the OpenAPI document. Run on the embedded default and on the
 * real PostgreSQL and RabbitMQ by {@code EmbeddedIsolationTest} and {@code PostgresRabbitIsolationTest}.
 */
interface IsolationContract extends AccessContract {

    /**
     * Walks every authenticated endpoint in the OpenAPI document as user B, aimed at user A's resources: each
     * answers 404 (403 under /api/v1/admin and /api/v1/audit), and no listing of B's shows anything of A's.
     */
    @Test
    default void userBReachesNoneOfUserAsResourcesOnAnyEndpoint() throws Exception {
        String emailA = uniqueEmail().toLowerCase();
        Session a = api().signUp(emailA, PASSWORD);
        Session b = api().signUp(uniqueEmail(), PASSWORD);
        String keyA = api().post("/api/v1/api-keys", a.token(), Map.of("label", "A's key")).json().get("id").asText();
        Reply job = api().upload("/api/v1/jobs", a.token(), "file", "list.csv", "text/csv",
                "email\nada@example.com\n".getBytes(StandardCharsets.UTF_8));
        assertThat(job.status()).as("A's job upload: " + job.body()).isBetween(200, 299);
        Map<String, String> resourcesOfA = Map.of("keyId", keyA, "userId", a.userId(),
                "jobId", job.json().get("id").asText());

        JsonNode paths = api().get("/v3/api-docs", null).json().get("paths");
        int walked = 0;
        java.util.Set<String> aimedAt = new java.util.HashSet<>();
        for (var pathEntry : (Iterable<Map.Entry<String, JsonNode>>) paths::fields) {
            String template = pathEntry.getKey();
            if (!template.startsWith("/api/") || template.equals("/api/v1/users")
                    || template.startsWith("/api/v1/auth/")) {
                continue;
            }
            for (var operation : (Iterable<Map.Entry<String, JsonNode>>) pathEntry.getValue()::fields) {
                String method = operation.getKey().toUpperCase();
                String path = template;
                java.util.regex.Matcher parameter = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(template);
                while (parameter.find()) {
                    String value = resourcesOfA.getOrDefault(parameter.group(1), a.userId());
                    path = path.replace(parameter.group(), value);
                    aimedAt.add(parameter.group(1));
                }
                boolean hasBody = operation.getValue().has("requestBody");
                Map<String, String> headers = hasBody ? Map.of("Content-Type", "application/json") : Map.of();
                Reply reply = api().send(method, path, b.token(), headers, hasBody ? "{}" : null);
                walked++;
                if (template.startsWith("/api/v1/admin/") || template.startsWith("/api/v1/audit/")) {
                    assertThat(reply.status()).as(method + " " + path).isEqualTo(403);
                } else if (!template.equals(path)) {
                    assertThat(reply.status()).as(method + " " + path).isEqualTo(404);
                    assertThat(reply.json().get("type").asText()).isEqualTo("urn:mailsift:problem:not-found");
                } else if (method.equals("GET")) {
                    assertThat(reply.body()).as(method + " " + path).doesNotContain(a.userId()).doesNotContain(keyA)
                                            .doesNotContain(emailA);
                    resourcesOfA.values().forEach(id -> assertThat(reply.body()).doesNotContain(id));
                }
            }
        }
        assertThat(walked).isGreaterThanOrEqualTo(8);
        assertThat(aimedAt).contains("keyId", "userId", "jobId");
        // A's resources are untouched by B's attempts.
        assertThat(api().get("/api/v1/api-keys", a.token()).json().get("api_keys").get(0).get("revoked_at").isNull())
                .isTrue();
    }
}
