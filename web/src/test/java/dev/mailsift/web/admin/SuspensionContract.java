package dev.mailsift.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.mailsift.web.support.ApiClient.PROBLEM_JSON;
import static dev.mailsift.web.support.TestAccounts.ADMIN_EMAIL;
import static dev.mailsift.web.support.TestAccounts.ADMIN_PASSWORD;
import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators list, suspend and reinstate users: a suspended user's every request answers 403. Run on the embedded
 * default and on the real PostgreSQL and RabbitMQ by {@code EmbeddedSuspensionTest} and
 * {@code PostgresRabbitSuspensionTest}.
 */
interface SuspensionContract extends AccessContract {

    @Test
    default void aSuspendedUsersEveryRequestAnswers403UntilReinstated() throws Exception {
        String email = uniqueEmail();
        Session user = api().signUp(email, PASSWORD);
        String key = api().post("/api/v1/api-keys", user.token(), Map.of("label", "k")).json().get("key").asText();
        String adminToken = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

        JsonNode listed = api().get("/api/v1/admin/users?email=" + email.toLowerCase(), adminToken).json();
        assertThat(listed.get("total").asLong()).isEqualTo(1);
        JsonNode row = listed.get("users").get(0);
        assertThat(row.get("id").asText()).isEqualTo(user.userId());
        assertThat(row.get("email_confirmed").asBoolean()).isFalse();
        assertThat(row.get("suspended").asBoolean()).isFalse();

        Reply suspend = api().post("/api/v1/admin/users/" + user.userId() + "/suspend", adminToken,
                Map.of("reason", "chargeback"));
        assertThat(suspend.status()).isEqualTo(200);
        assertThat(suspend.json().get("suspended").asBoolean()).isTrue();

        for (Reply reply : List.of(api().get("/api/v1/account", user.token()),
                api().get("/api/v1/account", key),
                api().get("/api/v1/api-keys", null, Map.of("X-API-Key", key)),
                api().post("/api/v1/api-keys", user.token(), Map.of("label", "another")),
                api().post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD)))) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
            assertThat(reply.json().get("type").asText()).isEqualTo("urn:mailsift:problem:account-suspended");
        }
        JsonNode suspendedRow = api().get("/api/v1/admin/users?email=" + email.toLowerCase(), adminToken).json()
                                   .get("users").get(0);
        assertThat(suspendedRow.get("suspended").asBoolean()).isTrue();
        assertThat(suspendedRow.get("suspension_reason").asText()).isEqualTo("chargeback");
        String adminId = api().get("/api/v1/account", adminToken).json().get("id").asText();
        assertThat(metadataOf(user.userId(), "UserSuspended", null).get("actor").asText())
                .isEqualTo("user:" + adminId);

        assertThat(api().post("/api/v1/admin/users/" + user.userId() + "/reinstate", adminToken, Map.of()).status())
                .isEqualTo(200);
        assertThat(api().get("/api/v1/account", user.token()).status()).isEqualTo(200);
        assertThat(api().get("/api/v1/account", key).status()).isEqualTo(200);
        api().signIn(email, PASSWORD);
    }

    @Test
    default void onlyOperatorsListOrSuspendAndAnOperatorCannotSuspendThemselves() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        Session other = api().signUp(uniqueEmail(), PASSWORD);
        for (Reply reply : List.of(api().get("/api/v1/admin/users", user.token()),
                api().post("/api/v1/admin/users/" + other.userId() + "/suspend", user.token(), Map.of()),
                api().post("/api/v1/admin/users/" + other.userId() + "/reinstate", user.token(), Map.of()))) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.json().get("type").asText()).isEqualTo("urn:mailsift:problem:forbidden");
        }
        String adminToken = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String adminId = api().get("/api/v1/account", adminToken).json().get("id").asText();
        Reply self = api().post("/api/v1/admin/users/" + adminId + "/suspend", adminToken, Map.of());
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.json().get("type").asText()).isEqualTo("urn:mailsift:problem:conflict");
        Reply unknown = api().post("/api/v1/admin/users/no-such-user/suspend", adminToken, Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        Reply page = api().get("/api/v1/admin/users?page=0&size=1", adminToken);
        assertThat(page.json().get("users")).hasSize(1);
        assertThat(page.json().get("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(api().get("/api/v1/admin/users?size=0", adminToken).status()).isEqualTo(400);
    }

    /** Found by the fuzzer: a page far enough out overflowed the offset and answered 500. */
    @Test
    default void aPageOfAccountsBeyondTheLastOneThatCanBeAskedForIsABadParameter() {
        String adminToken = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        for (String page : List.of("100001", "2147483647")) {
            Reply refused = api().get("/api/v1/admin/users?size=117&page=" + page, adminToken);
            assertThat(refused.status()).as(page).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).contains("page");
        }
        assertThat(api().get("/api/v1/admin/users?size=200&page=100000", adminToken).status()).isEqualTo(200);
    }
}
