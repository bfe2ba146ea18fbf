package dev.mailsift.web.platform.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.TestAccounts;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code Idempotency-Key} on the POSTs that create something: the same request again answers the first answer and
 * creates nothing more; the key with another request is a {@code 409 idempotency-key-reused} problem; a failed
 * request keeps nothing; one account's keys are not another's.
 */
public interface IdempotencyContract extends AccessContract {

    byte[] LIST = "email\nalice@example.com\n".getBytes(StandardCharsets.UTF_8);

    private static Map<String, String> key(String key) {
        return Map.of("Idempotency-Key", key);
    }

    private static void assertReused(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(409);
        assertThat(reply.contentType()).startsWith(ApiClient.PROBLEM_JSON);
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:mailsift:problem:idempotency-key-reused");
    }

    @Test
    default void anApiKeyIssuedAgainWithTheSameKeyIsTheSameKeyWithItsSecretAndNoSecondOne() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        String idempotencyKey = UUID.randomUUID().toString();
        Reply first = api().post("/api/v1/api-keys", user.token(), Map.of("label", "CI"), key(idempotencyKey));
        Reply again = api().post("/api/v1/api-keys", user.token(), Map.of("label", "CI"), key(idempotencyKey));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(api().get("/api/v1/api-keys", user.token()).json().get("api_keys")).hasSize(1);
        // the replayed secret works: it is the key that was issued
        assertThat(api().get("/api/v1/account", again.json().get("key").asText()).status()).isEqualTo(200);
    }

    @Test
    default void theSameKeyWithAnotherBodyIsAConflictAndCreatesNothing() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        String idempotencyKey = UUID.randomUUID().toString();
        assertThat(api().post("/api/v1/api-keys", user.token(), Map.of("label", "CI"), key(idempotencyKey))
                        .status()).isEqualTo(201);

        assertReused(api().post("/api/v1/api-keys", user.token(), Map.of("label", "laptop"), key(idempotencyKey)));
        assertThat(api().get("/api/v1/api-keys", user.token()).json().get("api_keys")).hasSize(1);
        // the same key on another operation is another request too
        assertReused(api().upload("/api/v1/jobs", user.token(), "list.csv", LIST, key(idempotencyKey)));
    }

    @Test
    default void anUploadRepeatedWithTheSameKeyIsOneJobAndAnotherFileUnderItIsAConflict() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        String idempotencyKey = UUID.randomUUID().toString();
        Reply first = api().upload("/api/v1/jobs", user.token(), "list.csv", LIST, key(idempotencyKey));
        Reply again = api().upload("/api/v1/jobs", user.token(), "list.csv", LIST, key(idempotencyKey));
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));

        byte[] other = "email\nbob@example.com\n".getBytes(StandardCharsets.UTF_8);
        assertReused(api().upload("/api/v1/jobs", user.token(), "list.csv", other, key(idempotencyKey)));
        assertReused(api().upload("/api/v1/jobs?header_row=false", user.token(), "list.csv", LIST,
                key(idempotencyKey)));
    }

    @Test
    default void aGrantRepeatedWithTheSameKeyIsReplayedAndAnotherAmountUnderItIsAConflict() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        String operator = api().signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
        String path = "/api/v1/admin/users/" + user.userId() + "/credits";
        String idempotencyKey = UUID.randomUUID().toString();
        Reply first = api().post(path, operator, Map.of("amount", 7, "reason", "trial"), key(idempotencyKey));
        Reply again = api().post(path, operator, Map.of("amount", 7, "reason", "trial"), key(idempotencyKey));
        assertThat(first.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());

        assertReused(api().post(path, operator, Map.of("amount", 8, "reason", "trial"), key(idempotencyKey)));
        // the balance as the account's read model has it, once it has caught up with the one grant
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api().get("/api/v1/account", user.token()).json().get("credits_available").asLong()).isEqualTo(7));
    }

    @Test
    default void aFailedRequestKeepsNothingSoTheKeyMayBeSentAgainWithTheCorrectedRequest() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        String idempotencyKey = UUID.randomUUID().toString();
        Reply refused = api().post("/api/v1/api-keys", user.token(), Map.of("label", ""), key(idempotencyKey));
        assertThat(refused.status()).isEqualTo(400);

        Reply corrected = api().post("/api/v1/api-keys", user.token(), Map.of("label", "CI"), key(idempotencyKey));
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(corrected.header("Idempotent-Replayed")).isNull();
    }

    @Test
    default void oneAccountsKeyIsNotAnothersAndATooLongKeyIsABadParameter() {
        Session ada = api().signUp(uniqueEmail(), PASSWORD);
        Session bob = api().signUp(uniqueEmail(), PASSWORD);
        String idempotencyKey = "shared-" + UUID.randomUUID();
        JsonNode adas = api().post("/api/v1/api-keys", ada.token(), Map.of("label", "CI"), key(idempotencyKey))
                             .json();
        Reply bobs = api().post("/api/v1/api-keys", bob.token(), Map.of("label", "CI"), key(idempotencyKey));
        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.header("Idempotent-Replayed")).isNull();
        assertThat(bobs.json().get("id")).isNotEqualTo(adas.get("id"));

        Reply tooLong = api().post("/api/v1/api-keys", ada.token(), Map.of("label", "CI"), key("k".repeat(256)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.contentType()).startsWith(ApiClient.PROBLEM_JSON);
        assertThat(tooLong.json().get("errors").get(0).get("field").asText()).isEqualTo("idempotency_key");
    }

    @Test
    default void theReplayedAnswerIsNotStoredInTheClear() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        String secret = api().post("/api/v1/api-keys", user.token(), Map.of("label", "CI"),
                key(UUID.randomUUID().toString())).json().get("key").asText();
        String stored = jdbc().queryForObject("SELECT body FROM idempotent_request WHERE user_id = ?", String.class,
                user.userId());
        assertThat(stored).isNotBlank().doesNotContain(secret).doesNotContain(secret.substring(8));
    }
}
