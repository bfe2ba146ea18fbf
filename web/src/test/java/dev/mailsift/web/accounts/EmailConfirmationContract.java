package dev.mailsift.web.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.mailsift.web.support.TestAccounts.ADMIN_EMAIL;
import static dev.mailsift.web.support.TestAccounts.ADMIN_PASSWORD;
import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-up mails a code that confirms the address; until then the account signs in but its jobs spend nothing. Run on
 * the embedded default and on the real PostgreSQL and RabbitMQ by {@code EmbeddedEmailConfirmationTest} and
 * {@code PostgresRabbitEmailConfirmationTest}.
 */
interface EmailConfirmationContract extends AccessContract {

    @Test
    default void signUpMailsACodeThatConfirmsTheAddressAndResendingIsLimited() throws Exception {
        String email = uniqueEmail().toLowerCase();
        Session user = api().signUp(email, PASSWORD);
        MimeMessage mail = TestMailServer.awaitMessage(email, 1);
        assertThat(mail.getSubject()).isEqualTo("Confirm your MailSift address");
        assertThat(mail.getFrom()[0].toString()).contains("no-reply@mailsift.local");
        String code = TestMailServer.codeIn(mail);
        assertThat(TestMailServer.htmlPart(mail)).contains(code).contains("<p");

        String adminToken = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(adminRow(adminToken, email).get("email_confirmed").asBoolean()).isFalse();

        // Within a minute of the first code no second one is mailed, yet the answer is the same 202.
        Reply resend = api().post("/api/v1/auth/confirm-email/resend", null, Map.of("email", email));
        assertThat(resend.status()).isEqualTo(202);
        assertThat(api().post("/api/v1/auth/confirm-email/resend", null, Map.of("email", uniqueEmail())).status())
                .isEqualTo(202);

        String wrongCode = code.equals("000000") ? "111111" : "000000";
        Reply wrong = api().post("/api/v1/auth/confirm-email", null, Map.of("email", email, "code", wrongCode));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("type").asText()).isEqualTo("urn:mailsift:problem:invalid-code");
        Reply unknown = api().post("/api/v1/auth/confirm-email", null, Map.of("email", uniqueEmail(), "code", code));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("type").asText()).isEqualTo("urn:mailsift:problem:invalid-code");

        Reply confirmed = api().post("/api/v1/auth/confirm-email", null, Map.of("email", email, "code", code));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().get("email_confirmed").asBoolean()).isTrue();
        assertThat(adminRow(adminToken, email).get("email_confirmed").asBoolean()).isTrue();
        assertThat(metadataOf(user.userId(), "EmailConfirmed", null).get("actor").asText())
                .isEqualTo("user:" + user.userId());
        assertThat(TestMailServer.messagesTo(email)).hasSize(1);
        List<String> payloads = jdbc().queryForList(
                "SELECT payload FROM domainevententry WHERE aggregateidentifier = ?",
                byte[].class, user.userId()).stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
        assertThat(payloads).noneMatch(payload -> payload.contains("\"" + code + "\""));
    }

    @Test
    default void anUnconfirmedAccountCanSignInButItsJobsSpendNothing() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        String adminToken = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        api().post("/api/v1/admin/users/" + user.userId() + "/credits", adminToken,
                Map.of("amount", 100, "reason", "t"));
        Reply job = api().upload("/api/v1/jobs", user.token(), "file", "list.csv", "text/csv",
                "email\nada@example.com\ngrace@example.com\n".getBytes(StandardCharsets.UTF_8));
        assertThat(job.status()).as(job.body()).isBetween(200, 299);
        String jobId = job.json().get("id").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode view = api().get("/api/v1/jobs/" + jobId, user.token()).json();
            assertThat(view.get("status").asText()).isEqualToIgnoringCase("rejected");
            assertThat(view.get("rejection_reason").asText()).isEqualToIgnoringCase("account_not_allowed");
            assertThat(view.get("credits_reserved").asLong()).isZero();
        });
        assertThat(api().get("/api/v1/account", user.token()).json().get("credits_available").asLong()).isEqualTo(100);
    }

    default JsonNode adminRow(String adminToken, String email) {
        return api().get("/api/v1/admin/users?email=" + email.toLowerCase(), adminToken).json().get("users").get(0);
    }
}
