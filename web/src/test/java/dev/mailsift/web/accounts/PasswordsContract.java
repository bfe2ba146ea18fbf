package dev.mailsift.web.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.mailsift.web.support.AccessContract.cookieValue;
import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password reset by a mailed code and password change; both end older tokens. Run on the embedded default and on the
 * real PostgreSQL and RabbitMQ by {@code EmbeddedPasswordsTest} and {@code PostgresRabbitPasswordsTest}.
 */
interface PasswordsContract extends AccessContract {

    @Test
    default void aMailedResetCodeSetsANewPasswordOnceAndEndsEverySession() throws Exception {
        String email = uniqueEmail().toLowerCase();
        Session user = api().signUp(email, PASSWORD);
        TestMailServer.awaitMessage(email, 1);
        String key = api().post("/api/v1/api-keys", user.token(), Map.of("label", "k")).json().get("key").asText();
        String cookie = cookieValue(api().post("/api/v1/auth/token", null,
                Map.of("email", email, "password", PASSWORD)).header("Set-Cookie"));

        assertThat(api().post("/api/v1/auth/password-reset", null, Map.of("email", email)).status()).isEqualTo(202);
        assertThat(api().post("/api/v1/auth/password-reset", null, Map.of("email", uniqueEmail())).status())
                .isEqualTo(202);
        MimeMessage mail = TestMailServer.awaitMessage(email, 2);
        assertThat(mail.getSubject()).isEqualTo("Reset your MailSift password");
        String code = TestMailServer.codeIn(mail);

        Reply weak = api().post("/api/v1/auth/password-reset/confirm", null,
                Map.of("email", email, "code", code, "new_password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        Reply reset = api().post("/api/v1/auth/password-reset/confirm", null,
                Map.of("email", email, "code", code, "new_password", "a brand new passphrase"));
        assertThat(reset.status()).isEqualTo(204);

        Reply oldToken = api().get("/api/v1/account", user.token());
        assertThat(oldToken.status()).isEqualTo(401);
        assertThat(oldToken.json().get("type").asText()).isEqualTo("urn:mailsift:problem:unauthorized");
        assertThat(refresh(cookie).status()).as("refresh sessions end too").isEqualTo(401);
        assertThat(api().get("/api/v1/account", key).status()).as("API keys are not sessions").isEqualTo(200);
        assertThat(api().post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD)).status())
                .isEqualTo(401);
        String newToken = api().signIn(email, "a brand new passphrase");
        assertThat(api().get("/api/v1/account", newToken).status()).isEqualTo(200);

        Reply again = api().post("/api/v1/auth/password-reset/confirm", null,
                Map.of("email", email, "code", code, "new_password", "yet another passphrase"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("type").asText()).isEqualTo("urn:mailsift:problem:invalid-code");
        JsonNode changed = metadataOf(user.userId(), "PasswordChanged", "RESET");
        assertThat(changed.get("actor").asText()).isEqualTo("user:" + user.userId());
    }

    @Test
    default void changingThePasswordNeedsTheCurrentOneAndEndsOlderTokens() {
        String email = uniqueEmail();
        Session user = api().signUp(email, PASSWORD);
        Reply wrong = api().post("/api/v1/account/password", user.token(),
                Map.of("current_password", "not my password", "new_password", "another passphrase"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("type").asText()).isEqualTo("urn:mailsift:problem:invalid-credentials");
        assertThat(api().post("/api/v1/account/password", null,
                Map.of("current_password", PASSWORD, "new_password", "another passphrase")).status()).isEqualTo(401);

        Reply changed = api().post("/api/v1/account/password", user.token(),
                Map.of("current_password", PASSWORD, "new_password", "another passphrase"));
        assertThat(changed.status()).isEqualTo(204);
        assertThat(api().get("/api/v1/account", user.token()).status()).isEqualTo(401);
        String token = api().signIn(email, "another passphrase");
        assertThat(api().get("/api/v1/account", token).status()).isEqualTo(200);
    }
}
