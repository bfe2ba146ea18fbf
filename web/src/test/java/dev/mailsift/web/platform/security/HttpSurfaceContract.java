package dev.mailsift.web.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every client meets at the HTTP surface: CORS, security headers, bounded bodies, and the OpenAPI document. Run
 * on the embedded default and on the real PostgreSQL and RabbitMQ by {@code EmbeddedHttpSurfaceTest} and
 * {@code PostgresRabbitHttpSurfaceTest}.
 */
interface HttpSurfaceContract extends AccessContract {

    @Test
    default void onlyAllowListedOriginsPassCorsPreflight() {
        Map<String, String> allowed = Map.of("Origin", ALLOWED_ORIGIN, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type");
        Reply ok = api().send("OPTIONS", "/api/v1/api-keys", null, allowed, null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
        assertThat(ok.header("Access-Control-Allow-Credentials")).isEqualTo("true");

        Reply evil = api().send("OPTIONS", "/api/v1/api-keys", null, Map.of("Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST"), null);
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.header("Access-Control-Allow-Origin")).isNull();
    }

    /** A paging parameter out of its range is the caller's mistake: a 400 problem naming it, never a 500. */
    @Test
    default void pagingParametersOutOfRangeAreProblemsNamingTheParameter() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);

        for (String query : List.of("size=101", "size=0", "page=-1")) {
            Reply reply = api().get("/api/v1/jobs?" + query, user.token());
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.json().get("type").asText()).isEqualTo("urn:mailsift:problem:validation");
            assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo(query.split("=")[0]);
        }
    }

    @Test
    default void responsesCarrySecurityHeadersAndOversizedBodiesAreRefused() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        Reply reply = api().get("/api/v1/account", user.token());
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(reply.header("Content-Security-Policy")).contains("default-src 'self'")
                                                           .contains("frame-ancestors 'none'");
        assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(reply.header("Cache-Control")).contains("no-store");

        String huge = "{\"label\": \"" + "x".repeat(70_000) + "\"}";
        Reply tooLarge = api().post("/api/v1/api-keys", user.token(), huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("type").asText()).isEqualTo("urn:mailsift:problem:payload-too-large");
    }

    @Test
    default void theOpenApiDocumentListsEveryAccountsAndSecurityEndpoint() {
        JsonNode paths = api().get("/v3/api-docs", null).json().get("paths");
        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("/api/v1/auth/token", List.of("post")),
                Map.entry("/api/v1/auth/refresh", List.of("post")),
                Map.entry("/api/v1/auth/logout", List.of("post")),
                Map.entry("/api/v1/auth/confirm-email", List.of("post")),
                Map.entry("/api/v1/auth/confirm-email/resend", List.of("post")),
                Map.entry("/api/v1/auth/password-reset", List.of("post")),
                Map.entry("/api/v1/auth/password-reset/confirm", List.of("post")),
                Map.entry("/api/v1/account", List.of("get", "patch")),
                Map.entry("/api/v1/account/password", List.of("post")),
                Map.entry("/api/v1/account/avatar", List.of("get", "put")),
                Map.entry("/api/v1/account/totp", List.of("post", "delete")),
                Map.entry("/api/v1/account/totp/confirm", List.of("post")),
                Map.entry("/api/v1/api-keys", List.of("get", "post")),
                Map.entry("/api/v1/api-keys/{keyId}", List.of("delete")),
                Map.entry("/api/v1/admin/users", List.of("get")),
                Map.entry("/api/v1/admin/users/{userId}/suspend", List.of("post")),
                Map.entry("/api/v1/admin/users/{userId}/reinstate", List.of("post")));
        expected.forEach((path, methods) -> {
            assertThat(paths.has(path)).as(path).isTrue();
            methods.forEach(method -> assertThat(paths.get(path).has(method)).as(method + " " + path).isTrue());
        });
    }
}
