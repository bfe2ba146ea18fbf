package dev.mailsift.web.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.mailsift.web.support.AccessContract.sha256;
import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys over HTTP: shown once, stored as a hash, usable as bearer or {@code X-API-Key}, revocable, expiring, and
 * recorded as the actor of what they do. Run on the embedded default and on the real PostgreSQL and RabbitMQ by
 * {@code EmbeddedApiKeysTest} and {@code PostgresRabbitApiKeysTest}.
 */
interface ApiKeysContract extends AccessContract {

    @Test
    default void anApiKeyIsShownOnceStoredAsAHashAndWorksAsBearerOrXApiKeyUntilRevoked() throws Exception {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        Reply issued = api().post("/api/v1/api-keys", user.token(), Map.of("label", "CI server"));
        assertThat(issued.status()).isEqualTo(201);
        String keyId = issued.json().get("id").asText();
        String secret = issued.json().get("key").asText();
        assertThat(secret).startsWith("ms_live_").hasSizeGreaterThan(40);
        assertThat(issued.json().get("prefix").asText()).isEqualTo(secret.substring(0, 12));

        Reply viaBearer = api().get("/api/v1/account", secret);
        assertThat(viaBearer.status()).isEqualTo(200);
        assertThat(viaBearer.json().get("id").asText()).isEqualTo(user.userId());
        Reply viaHeader = api().get("/api/v1/account", null, Map.of("X-API-Key", secret));
        assertThat(viaHeader.status()).isEqualTo(200);
        assertThat(viaHeader.json().get("id").asText()).isEqualTo(user.userId());

        JsonNode listed = api().get("/api/v1/api-keys", user.token()).json().get("api_keys");
        assertThat(listed).hasSize(1);
        JsonNode key = listed.get(0);
        assertThat(key.get("id").asText()).isEqualTo(keyId);
        assertThat(key.get("label").asText()).isEqualTo("CI server");
        assertThat(key.get("prefix").asText()).isEqualTo(secret.substring(0, 12));
        assertThat(key.has("key")).isFalse();
        assertThat(key.get("last_used_at").isNull()).isFalse();
        assertThat(key.get("revoked_at").isNull()).isTrue();

        assertThat(jdbc().queryForObject("SELECT secret_hash FROM api_key WHERE id = ?", String.class, keyId))
                .isEqualTo(sha256(secret));
        List<String> payloads = jdbc().queryForList(
                "SELECT payload FROM domainevententry WHERE aggregateidentifier = ?",
                byte[].class, user.userId()).stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
        assertThat(payloads).noneMatch(payload -> payload.contains(secret));

        assertThat(api().delete("/api/v1/api-keys/" + keyId, user.token()).status()).isEqualTo(204);
        Reply revoked = api().get("/api/v1/account", secret);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().get("type").asText()).isEqualTo("urn:mailsift:problem:unauthorized");
        assertThat(api().get("/api/v1/account", null, Map.of("X-API-Key", secret)).status()).isEqualTo(401);
        assertThat(api().get("/api/v1/api-keys", user.token()).json().get("api_keys").get(0).get("revoked_at").isNull())
                .isFalse();
        assertThat(api().delete("/api/v1/api-keys/" + keyId, user.token()).status()).isEqualTo(204);
    }

    @Test
    default void whatAKeyDoesIsRecordedWithTheKeyAsActor() throws Exception {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        JsonNode first = api().post("/api/v1/api-keys", user.token(), Map.of("label", "first")).json();
        Reply second = api().post("/api/v1/api-keys", first.get("key").asText(), Map.of("label", "made by a key"));
        assertThat(second.status()).isEqualTo(201);

        JsonNode issuedByUser = metadataOf(user.userId(), "ApiKeyIssued", first.get("id").asText());
        JsonNode issuedByKey = metadataOf(user.userId(), "ApiKeyIssued", second.json().get("id").asText());
        assertThat(issuedByUser.get("actor").asText()).isEqualTo("user:" + user.userId());
        assertThat(issuedByKey.get("actor").asText()).isEqualTo("api_key:" + first.get("id").asText());
        assertThat(issuedByKey.get("clientAddress").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    default void expiredUnknownAndMalformedKeysAnswer401AndAPastExpiryIsRefused() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        Reply past = api().post("/api/v1/api-keys", user.token(),
                Map.of("label", "old", "expires_at", Instant.now().minusSeconds(60).toString()));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("type").asText()).isEqualTo("urn:mailsift:problem:validation");

        Reply future = api().post("/api/v1/api-keys", user.token(),
                Map.of("label", "soon", "expires_at", Instant.now().plusSeconds(3600).toString()));
        assertThat(future.status()).isEqualTo(201);
        String secret = future.json().get("key").asText();
        assertThat(api().get("/api/v1/account", secret).status()).isEqualTo(200);
        // the hour is made to pass in the read model only, and put back, so that it stays what its events say
        String futureId = future.json().get("id").asText();
        java.sql.Timestamp expiresAt = jdbc().queryForObject("SELECT expires_at FROM api_key WHERE id = ?",
                java.sql.Timestamp.class, futureId);
        jdbc().update("UPDATE api_key SET expires_at = ? WHERE id = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(1)), futureId);
        assertThat(api().get("/api/v1/account", secret).status()).isEqualTo(401);
        jdbc().update("UPDATE api_key SET expires_at = ? WHERE id = ?", expiresAt, futureId);

        assertThat(api().get("/api/v1/account", "ms_live_" + "A".repeat(43)).status()).isEqualTo(401);
        assertThat(api().get("/api/v1/account", null, Map.of("X-API-Key", "ms_live_nope")).status()).isEqualTo(401);
        assertThat(api().get("/api/v1/account", null, Map.of("X-API-Key", "not-a-key")).status()).isEqualTo(401);
        Reply noLabel = api().post("/api/v1/api-keys", user.token(), Map.of("label", ""));
        assertThat(noLabel.json().get("errors").get(0).get("field").asText()).isEqualTo("label");
    }

    @Test
    default void anotherUsersKeyIsUnknown() {
        Session owner = api().signUp(uniqueEmail(), PASSWORD);
        Session other = api().signUp(uniqueEmail(), PASSWORD);
        JsonNode key = api().post("/api/v1/api-keys", owner.token(), Map.of("label", "mine")).json();

        Reply revoke = api().delete("/api/v1/api-keys/" + key.get("id").asText(), other.token());
        assertThat(revoke.status()).isEqualTo(404);
        assertThat(revoke.json().get("type").asText()).isEqualTo("urn:mailsift:problem:not-found");
        assertThat(api().get("/api/v1/api-keys", other.token()).json().get("api_keys")).isEmpty();
        assertThat(api().get("/api/v1/account", key.get("key").asText()).status()).isEqualTo(200);
    }
}
