package dev.mailsift.web.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.TestMailServer;
import dev.mailsift.web.support.TestOidcServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.mailsift.web.support.ApiClient.PROBLEM_JSON;
import static dev.mailsift.web.support.TestAccounts.ADMIN_EMAIL;
import static dev.mailsift.web.support.TestAccounts.ADMIN_PASSWORD;
import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static dev.mailsift.web.support.TotpCodes.totp;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts and security over HTTP: API keys, the kill switch. Run on the embedded default and on the
 * real PostgreSQL and RabbitMQ by the subclasses.
 */
abstract class AccessContract {

    static final String PASSWORD = "correct horse battery";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ALLOWED_ORIGIN = "https://app.mailsift.test";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;

    /** What this contract's contexts add to the base test properties. */
    static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
        registry.add("mailsift.security.cors-origins", () -> ALLOWED_ORIGIN);
        registry.add("spring.security.oauth2.client.registration.google.client-id", () -> TestOidcServer.CLIENT_ID);
        registry.add("spring.security.oauth2.client.registration.google.client-secret", () -> "test-secret");
        registry.add("spring.security.oauth2.client.registration.google.scope", () -> "openid,email,profile");
        registry.add("spring.security.oauth2.client.provider.google.issuer-uri", TestOidcServer::issuer);
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    // --- API keys ---------------------------------------------------------------------------------------

    @Test
    void anApiKeyIsShownOnceStoredAsAHashAndWorksAsBearerOrXApiKeyUntilRevoked() throws Exception {
        Session user = api.signUp(uniqueEmail(), PASSWORD);
        Reply issued = api.post("/api/v1/api-keys", user.token(), Map.of("label", "CI server"));
        assertThat(issued.status()).isEqualTo(201);
        String keyId = issued.json().get("id").asText();
        String secret = issued.json().get("key").asText();
        assertThat(secret).startsWith("ms_live_").hasSizeGreaterThan(40);
        assertThat(issued.json().get("prefix").asText()).isEqualTo(secret.substring(0, 12));

        Reply viaBearer = api.get("/api/v1/account", secret);
        assertThat(viaBearer.status()).isEqualTo(200);
        assertThat(viaBearer.json().get("id").asText()).isEqualTo(user.userId());
        Reply viaHeader = api.get("/api/v1/account", null, Map.of("X-API-Key", secret));
        assertThat(viaHeader.status()).isEqualTo(200);
        assertThat(viaHeader.json().get("id").asText()).isEqualTo(user.userId());

        JsonNode listed = api.get("/api/v1/api-keys", user.token()).json().get("api_keys");
        assertThat(listed).hasSize(1);
        JsonNode key = listed.get(0);
        assertThat(key.get("id").asText()).isEqualTo(keyId);
        assertThat(key.get("label").asText()).isEqualTo("CI server");
        assertThat(key.get("prefix").asText()).isEqualTo(secret.substring(0, 12));
        assertThat(key.has("key")).isFalse();
        assertThat(key.get("last_used_at").isNull()).isFalse();
        assertThat(key.get("revoked_at").isNull()).isTrue();

        assertThat(jdbc.queryForObject("SELECT secret_hash FROM api_key WHERE id = ?", String.class, keyId))
                .isEqualTo(sha256(secret));
        List<String> payloads = jdbc.queryForList("SELECT payload FROM domainevententry WHERE aggregateidentifier = ?",
                byte[].class, user.userId()).stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
        assertThat(payloads).noneMatch(payload -> payload.contains(secret));

        assertThat(api.delete("/api/v1/api-keys/" + keyId, user.token()).status()).isEqualTo(204);
        Reply revoked = api.get("/api/v1/account", secret);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().get("type").asText()).isEqualTo("urn:mailsift:problem:unauthorized");
        assertThat(api.get("/api/v1/account", null, Map.of("X-API-Key", secret)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/api-keys", user.token()).json().get("api_keys").get(0).get("revoked_at").isNull())
                .isFalse();
        assertThat(api.delete("/api/v1/api-keys/" + keyId, user.token()).status()).isEqualTo(204);
    }

    @Test
    void whatAKeyDoesIsRecordedWithTheKeyAsActor() throws Exception {
        Session user = api.signUp(uniqueEmail(), PASSWORD);
        JsonNode first = api.post("/api/v1/api-keys", user.token(), Map.of("label", "first")).json();
        Reply second = api.post("/api/v1/api-keys", first.get("key").asText(), Map.of("label", "made by a key"));
        assertThat(second.status()).isEqualTo(201);

        JsonNode issuedByUser = metadataOf(user.userId(), "ApiKeyIssued", first.get("id").asText());
        JsonNode issuedByKey = metadataOf(user.userId(), "ApiKeyIssued", second.json().get("id").asText());
        assertThat(issuedByUser.get("actor").asText()).isEqualTo("user:" + user.userId());
        assertThat(issuedByKey.get("actor").asText()).isEqualTo("api_key:" + first.get("id").asText());
        assertThat(issuedByKey.get("clientAddress").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void expiredUnknownAndMalformedKeysAnswer401AndAPastExpiryIsRefused() {
        Session user = api.signUp(uniqueEmail(), PASSWORD);
        Reply past = api.post("/api/v1/api-keys", user.token(),
                Map.of("label", "old", "expires_at", Instant.now().minusSeconds(60).toString()));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("type").asText()).isEqualTo("urn:mailsift:problem:validation");

        Reply future = api.post("/api/v1/api-keys", user.token(),
                Map.of("label", "soon", "expires_at", Instant.now().plusSeconds(3600).toString()));
        assertThat(future.status()).isEqualTo(201);
        String secret = future.json().get("key").asText();
        assertThat(api.get("/api/v1/account", secret).status()).isEqualTo(200);
        jdbc.update("UPDATE api_key SET expires_at = ? WHERE id = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(1)), future.json().get("id").asText());
        assertThat(api.get("/api/v1/account", secret).status()).isEqualTo(401);

        assertThat(api.get("/api/v1/account", "ms_live_" + "A".repeat(43)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/account", null, Map.of("X-API-Key", "ms_live_nope")).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/account", null, Map.of("X-API-Key", "not-a-key")).status()).isEqualTo(401);
        Reply noLabel = api.post("/api/v1/api-keys", user.token(), Map.of("label", ""));
        assertThat(noLabel.json().get("errors").get(0).get("field").asText()).isEqualTo("label");
    }

    @Test
    void anotherUsersKeyIsUnknown() {
        Session owner = api.signUp(uniqueEmail(), PASSWORD);
        Session other = api.signUp(uniqueEmail(), PASSWORD);
        JsonNode key = api.post("/api/v1/api-keys", owner.token(), Map.of("label", "mine")).json();

        Reply revoke = api.delete("/api/v1/api-keys/" + key.get("id").asText(), other.token());
        assertThat(revoke.status()).isEqualTo(404);
        assertThat(revoke.json().get("type").asText()).isEqualTo("urn:mailsift:problem:not-found");
        assertThat(api.get("/api/v1/api-keys", other.token()).json().get("api_keys")).isEmpty();
        assertThat(api.get("/api/v1/account", key.get("key").asText()).status()).isEqualTo(200);
    }

    // --- roles and the kill switch ----------------------------------------------------------------------

    @Test
    void aSuspendedUsersEveryRequestAnswers403UntilReinstated() throws Exception {
        String email = uniqueEmail();
        Session user = api.signUp(email, PASSWORD);
        String key = api.post("/api/v1/api-keys", user.token(), Map.of("label", "k")).json().get("key").asText();
        String adminToken = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

        JsonNode listed = api.get("/api/v1/admin/users?email=" + email.toLowerCase(), adminToken).json();
        assertThat(listed.get("total").asLong()).isEqualTo(1);
        JsonNode row = listed.get("users").get(0);
        assertThat(row.get("id").asText()).isEqualTo(user.userId());
        assertThat(row.get("email_confirmed").asBoolean()).isFalse();
        assertThat(row.get("suspended").asBoolean()).isFalse();

        Reply suspend = api.post("/api/v1/admin/users/" + user.userId() + "/suspend", adminToken,
                Map.of("reason", "chargeback"));
        assertThat(suspend.status()).isEqualTo(200);
        assertThat(suspend.json().get("suspended").asBoolean()).isTrue();

        for (Reply reply : List.of(api.get("/api/v1/account", user.token()),
                api.get("/api/v1/account", key),
                api.get("/api/v1/api-keys", null, Map.of("X-API-Key", key)),
                api.post("/api/v1/api-keys", user.token(), Map.of("label", "another")),
                api.post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD)))) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
            assertThat(reply.json().get("type").asText()).isEqualTo("urn:mailsift:problem:account-suspended");
        }
        JsonNode suspendedRow = api.get("/api/v1/admin/users?email=" + email.toLowerCase(), adminToken).json()
                                   .get("users").get(0);
        assertThat(suspendedRow.get("suspended").asBoolean()).isTrue();
        assertThat(suspendedRow.get("suspension_reason").asText()).isEqualTo("chargeback");
        String adminId = api.get("/api/v1/account", adminToken).json().get("id").asText();
        assertThat(metadataOf(user.userId(), "UserSuspended", null).get("actor").asText())
                .isEqualTo("user:" + adminId);

        assertThat(api.post("/api/v1/admin/users/" + user.userId() + "/reinstate", adminToken, Map.of()).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/account", user.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/account", key).status()).isEqualTo(200);
        api.signIn(email, PASSWORD);
    }

    @Test
    void suspendingCancelsTheUsersUnfinishedJobs() throws Exception {
        String email = uniqueEmail().toLowerCase();
        Session user = api.signUp(email, PASSWORD);
        String code = TestMailServer.codeIn(TestMailServer.awaitMessage(email, 1));
        api.post("/api/v1/auth/confirm-email", null, Map.of("email", email, "code", code));
        String adminToken = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        api.post("/api/v1/admin/users/" + user.userId() + "/credits", adminToken, Map.of("amount", 5000, "reason", "t"));
        StringBuilder list = new StringBuilder("email\n");
        // Small: on real services the chunks go through the broker's shared queue, and other suites use it too.
        for (int i = 0; i < 20; i++) {
            list.append("person").append(i).append("@mailsift-suspension-test.invalid\n");
        }
        Reply job = api.upload("/api/v1/jobs", user.token(), "file", "big.csv", "text/csv",
                list.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(job.status()).as(job.body()).isBetween(200, 299);
        String jobId = job.json().get("id").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM job_view WHERE id = ?", Long.class, jobId) == 1);
        String before = jdbc.queryForObject("SELECT status FROM job_view WHERE id = ?", String.class, jobId);

        api.post("/api/v1/admin/users/" + user.userId() + "/suspend", adminToken, Map.of("reason", "abuse"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            Long unfinished = jdbc.queryForObject("SELECT COUNT(*) FROM job_view WHERE user_id = ? AND status IN "
                    + "('UPLOADED', 'ACCEPTED', 'QUEUED', 'VALIDATING')", Long.class, user.userId());
            assertThat(unfinished).as("jobs of a suspended user still running (was " + before + ")").isZero();
        });
        String after = jdbc.queryForObject("SELECT status FROM job_view WHERE id = ?", String.class, jobId);
        assertThat(after).isIn("CANCELLED", "COMPLETED", "FAILED", "REJECTED");
        if (after.equals("CANCELLED")) {
            String adminId = api.get("/api/v1/account", adminToken).json().get("id").asText();
            byte[] metadata = jdbc.queryForObject("SELECT metadata FROM domainevententry WHERE aggregateidentifier = ? "
                    + "AND payloadtype LIKE '%.JobCancelled'", byte[].class, jobId);
            assertThat(JSON.readTree(metadata).get("actor").asText()).as("cancelled because an operator suspended")
                                                                   .isEqualTo("user:" + adminId);
        }
        System.out.println("suspension test: job " + jobId + " was " + before + ", is " + after);
    }

    @Test
    void onlyOperatorsListOrSuspendAndAnOperatorCannotSuspendThemselves() {
        Session user = api.signUp(uniqueEmail(), PASSWORD);
        Session other = api.signUp(uniqueEmail(), PASSWORD);
        for (Reply reply : List.of(api.get("/api/v1/admin/users", user.token()),
                api.post("/api/v1/admin/users/" + other.userId() + "/suspend", user.token(), Map.of()),
                api.post("/api/v1/admin/users/" + other.userId() + "/reinstate", user.token(), Map.of()))) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.json().get("type").asText()).isEqualTo("urn:mailsift:problem:forbidden");
        }
        String adminToken = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String adminId = api.get("/api/v1/account", adminToken).json().get("id").asText();
        Reply self = api.post("/api/v1/admin/users/" + adminId + "/suspend", adminToken, Map.of());
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.json().get("type").asText()).isEqualTo("urn:mailsift:problem:conflict");
        Reply unknown = api.post("/api/v1/admin/users/no-such-user/suspend", adminToken, Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        Reply page = api.get("/api/v1/admin/users?page=0&size=1", adminToken);
        assertThat(page.json().get("users")).hasSize(1);
        assertThat(page.json().get("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(api.get("/api/v1/admin/users?size=0", adminToken).status()).isEqualTo(400);
    }

    // --- email confirmation -----------------------------------------------------------------------------

    @Test
    void signUpMailsACodeThatConfirmsTheAddressAndResendingIsLimited() throws Exception {
        String email = uniqueEmail().toLowerCase();
        Session user = api.signUp(email, PASSWORD);
        MimeMessage mail = TestMailServer.awaitMessage(email, 1);
        assertThat(mail.getSubject()).isEqualTo("Confirm your MailSift address");
        assertThat(mail.getFrom()[0].toString()).contains("no-reply@mailsift.local");
        String code = TestMailServer.codeIn(mail);
        assertThat(TestMailServer.htmlPart(mail)).contains(code).contains("<p");

        String adminToken = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(adminRow(adminToken, email).get("email_confirmed").asBoolean()).isFalse();

        // Within a minute of the first code no second one is mailed, yet the answer is the same 202.
        Reply resend = api.post("/api/v1/auth/confirm-email/resend", null, Map.of("email", email));
        assertThat(resend.status()).isEqualTo(202);
        assertThat(api.post("/api/v1/auth/confirm-email/resend", null, Map.of("email", uniqueEmail())).status())
                .isEqualTo(202);

        String wrongCode = code.equals("000000") ? "111111" : "000000";
        Reply wrong = api.post("/api/v1/auth/confirm-email", null, Map.of("email", email, "code", wrongCode));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("type").asText()).isEqualTo("urn:mailsift:problem:invalid-code");
        Reply unknown = api.post("/api/v1/auth/confirm-email", null, Map.of("email", uniqueEmail(), "code", code));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("type").asText()).isEqualTo("urn:mailsift:problem:invalid-code");

        Reply confirmed = api.post("/api/v1/auth/confirm-email", null, Map.of("email", email, "code", code));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().get("email_confirmed").asBoolean()).isTrue();
        assertThat(adminRow(adminToken, email).get("email_confirmed").asBoolean()).isTrue();
        assertThat(metadataOf(user.userId(), "EmailConfirmed", null).get("actor").asText())
                .isEqualTo("user:" + user.userId());
        assertThat(TestMailServer.messagesTo(email)).hasSize(1);
        List<String> payloads = jdbc.queryForList("SELECT payload FROM domainevententry WHERE aggregateidentifier = ?",
                byte[].class, user.userId()).stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
        assertThat(payloads).noneMatch(payload -> payload.contains("\"" + code + "\""));
    }

    // --- sessions ---------------------------------------------------------------------------------------

    @Test
    void signInSetsAStrictHttpOnlySecureRefreshCookieStoredOnlyAsAHash() throws Exception {
        String email = uniqueEmail();
        api.signUp(email, PASSWORD);
        Reply token = api.post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD));
        assertThat(token.status()).isEqualTo(200);
        String setCookie = token.header("Set-Cookie");
        assertThat(setCookie).startsWith("ms_refresh=").contains("HttpOnly").contains("Secure")
                             .contains("SameSite=Strict").contains("Path=/api/v1/auth").contains("Max-Age=604800");
        assertThat(token.header("Cache-Control")).isEqualTo("no-store");
        String refresh = cookieValue(setCookie);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM refresh_token WHERE token_hash = ?", Long.class,
                sha256(refresh))).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM refresh_token WHERE token_hash = ?", Long.class,
                refresh)).isZero();
    }

    @Test
    void refreshRotatesTheCookieAndAReusedTokenEndsTheWholeSession() {
        String email = uniqueEmail();
        api.signUp(email, PASSWORD);
        String first = cookieValue(api.post("/api/v1/auth/token", null,
                Map.of("email", email, "password", PASSWORD)).header("Set-Cookie"));

        Reply noHeader = api.post("/api/v1/auth/refresh", null, Map.of(), Map.of("Cookie", "ms_refresh=" + first));
        assertThat(noHeader.status()).isEqualTo(403);
        assertThat(noHeader.json().get("type").asText()).isEqualTo("urn:mailsift:problem:csrf");

        Reply refreshed = refresh(first);
        assertThat(refreshed.status()).isEqualTo(200);
        String accessToken = refreshed.json().get("access_token").asText();
        assertThat(api.get("/api/v1/account", accessToken).status()).isEqualTo(200);
        String second = cookieValue(refreshed.header("Set-Cookie"));
        assertThat(second).isNotEqualTo(first);
        String third = cookieValue(refresh(second).header("Set-Cookie"));

        Reply reused = refresh(first);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.json().get("type").asText()).isEqualTo("urn:mailsift:problem:unauthorized");
        assertThat(refresh(third).status()).as("the family is revoked").isEqualTo(401);
        assertThat(refresh("made-up").status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/refresh", null, Map.of(), Map.of("X-MailSift-CSRF", "1")).status())
                .isEqualTo(401);
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() {
        String email = uniqueEmail();
        api.signUp(email, PASSWORD);
        String cookie = cookieValue(api.post("/api/v1/auth/token", null,
                Map.of("email", email, "password", PASSWORD)).header("Set-Cookie"));
        assertThat(api.post("/api/v1/auth/logout", null, Map.of(), Map.of("Cookie", "ms_refresh=" + cookie))
                      .status()).isEqualTo(403);
        Reply logout = api.post("/api/v1/auth/logout", null, Map.of(),
                Map.of("Cookie", "ms_refresh=" + cookie, "X-MailSift-CSRF", "1"));
        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.header("Set-Cookie")).startsWith("ms_refresh=;").contains("Max-Age=0");
        assertThat(refresh(cookie).status()).isEqualTo(401);
    }

    @Test
    void suspensionAndPasswordChangeEndRefreshSessions() {
        String email = uniqueEmail();
        Session user = api.signUp(email, PASSWORD);
        String cookie = cookieValue(api.post("/api/v1/auth/token", null,
                Map.of("email", email, "password", PASSWORD)).header("Set-Cookie"));
        api.post("/api/v1/account/password", user.token(),
                Map.of("current_password", PASSWORD, "new_password", "another passphrase"));
        assertThat(refresh(cookie).status()).isEqualTo(401);

        String second = cookieValue(api.post("/api/v1/auth/token", null,
                Map.of("email", email, "password", "another passphrase")).header("Set-Cookie"));
        String adminToken = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        api.post("/api/v1/admin/users/" + user.userId() + "/suspend", adminToken, Map.of("reason", "abuse"));
        Reply suspended = refresh(second);
        assertThat(suspended.status()).isEqualTo(401);
        api.post("/api/v1/admin/users/" + user.userId() + "/reinstate", adminToken, Map.of());
    }

    @Test
    void anUnconfirmedAccountCanSignInButItsJobsSpendNothing() {
        Session user = api.signUp(uniqueEmail(), PASSWORD);
        String adminToken = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        api.post("/api/v1/admin/users/" + user.userId() + "/credits", adminToken, Map.of("amount", 100, "reason", "t"));
        Reply job = api.upload("/api/v1/jobs", user.token(), "file", "list.csv", "text/csv",
                "email\nada@example.com\ngrace@example.com\n".getBytes(StandardCharsets.UTF_8));
        assertThat(job.status()).as(job.body()).isBetween(200, 299);
        String jobId = job.json().get("id").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode view = api.get("/api/v1/jobs/" + jobId, user.token()).json();
            assertThat(view.get("status").asText()).isEqualToIgnoringCase("rejected");
            assertThat(view.get("rejection_reason").asText()).isEqualToIgnoringCase("account_not_allowed");
            assertThat(view.get("credits_reserved").asLong()).isZero();
        });
        assertThat(api.get("/api/v1/account", user.token()).json().get("credits_available").asLong()).isEqualTo(100);
    }

    @Test
    void aSignInFromANewDeviceIsMailedToTheOwner() throws Exception {
        String email = uniqueEmail().toLowerCase();
        api.signUp(email, PASSWORD);
        TestMailServer.awaitMessage(email, 1);
        api.signIn(email, PASSWORD);
        Reply firefox = api.post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD),
                Map.of("User-Agent", "Firefox on a stranger's laptop"));
        assertThat(firefox.status()).isEqualTo(200);
        MimeMessage alert = TestMailServer.awaitMessage(email, 2);
        assertThat(alert.getSubject()).isEqualTo("New sign-in to your MailSift account");
        assertThat(TestMailServer.textPart(alert)).contains("Firefox on a stranger's laptop").contains("127.0.0.1");
        assertThat(TestMailServer.htmlPart(alert)).contains("Firefox on a stranger&#39;s laptop");
        api.post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD),
                Map.of("User-Agent", "Firefox on a stranger's laptop"));
        api.signIn(email, PASSWORD);
        assertThat(TestMailServer.messagesTo(email)).as("known devices are not mailed again").hasSize(2);
    }

    // --- passwords --------------------------------------------------------------------------------------

    @Test
    void aMailedResetCodeSetsANewPasswordOnceAndEndsEverySession() throws Exception {
        String email = uniqueEmail().toLowerCase();
        Session user = api.signUp(email, PASSWORD);
        TestMailServer.awaitMessage(email, 1);
        String key = api.post("/api/v1/api-keys", user.token(), Map.of("label", "k")).json().get("key").asText();
        String cookie = cookieValue(api.post("/api/v1/auth/token", null,
                Map.of("email", email, "password", PASSWORD)).header("Set-Cookie"));

        assertThat(api.post("/api/v1/auth/password-reset", null, Map.of("email", email)).status()).isEqualTo(202);
        assertThat(api.post("/api/v1/auth/password-reset", null, Map.of("email", uniqueEmail())).status())
                .isEqualTo(202);
        MimeMessage mail = TestMailServer.awaitMessage(email, 2);
        assertThat(mail.getSubject()).isEqualTo("Reset your MailSift password");
        String code = TestMailServer.codeIn(mail);

        Reply weak = api.post("/api/v1/auth/password-reset/confirm", null,
                Map.of("email", email, "code", code, "new_password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        Reply reset = api.post("/api/v1/auth/password-reset/confirm", null,
                Map.of("email", email, "code", code, "new_password", "a brand new passphrase"));
        assertThat(reset.status()).isEqualTo(204);

        Reply oldToken = api.get("/api/v1/account", user.token());
        assertThat(oldToken.status()).isEqualTo(401);
        assertThat(oldToken.json().get("type").asText()).isEqualTo("urn:mailsift:problem:unauthorized");
        assertThat(refresh(cookie).status()).as("refresh sessions end too").isEqualTo(401);
        assertThat(api.get("/api/v1/account", key).status()).as("API keys are not sessions").isEqualTo(200);
        assertThat(api.post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD)).status())
                .isEqualTo(401);
        String newToken = api.signIn(email, "a brand new passphrase");
        assertThat(api.get("/api/v1/account", newToken).status()).isEqualTo(200);

        Reply again = api.post("/api/v1/auth/password-reset/confirm", null,
                Map.of("email", email, "code", code, "new_password", "yet another passphrase"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("type").asText()).isEqualTo("urn:mailsift:problem:invalid-code");
        JsonNode changed = metadataOf(user.userId(), "PasswordChanged", "RESET");
        assertThat(changed.get("actor").asText()).isEqualTo("user:" + user.userId());
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsOlderTokens() {
        String email = uniqueEmail();
        Session user = api.signUp(email, PASSWORD);
        Reply wrong = api.post("/api/v1/account/password", user.token(),
                Map.of("current_password", "not my password", "new_password", "another passphrase"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("type").asText()).isEqualTo("urn:mailsift:problem:invalid-credentials");
        assertThat(api.post("/api/v1/account/password", null,
                Map.of("current_password", PASSWORD, "new_password", "another passphrase")).status()).isEqualTo(401);

        Reply changed = api.post("/api/v1/account/password", user.token(),
                Map.of("current_password", PASSWORD, "new_password", "another passphrase"));
        assertThat(changed.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/account", user.token()).status()).isEqualTo(401);
        String token = api.signIn(email, "another passphrase");
        assertThat(api.get("/api/v1/account", token).status()).isEqualTo(200);
    }

    // --- two-factor sign-in ----------------------------------------------------------------------------

    @Test
    void twoFactorEnrolConfirmSignInWithCodeOrRecoveryCodeAndTurnOff() throws Exception {
        String email = uniqueEmail().toLowerCase();
        Session user = api.signUp(email, PASSWORD);
        String key = api.post("/api/v1/api-keys", user.token(), Map.of("label", "k")).json().get("key").asText();
        assertThat(api.post("/api/v1/account/totp", key, Map.of()).status()).as("not with an API key").isEqualTo(403);

        JsonNode enrolment = api.post("/api/v1/account/totp", user.token(), Map.of()).json();
        String secret = enrolment.get("secret").asText();
        assertThat(enrolment.get("otpauth_uri").asText())
                .startsWith("otpauth://totp/MailSift%3A" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8))
                .contains("secret=" + secret).contains("issuer=MailSift");
        String qr = enrolment.get("qr_png").asText();
        assertThat(qr).startsWith("data:image/png;base64,");
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                java.util.Base64.getDecoder().decode(qr.substring(qr.indexOf(',') + 1))));
        assertThat(image.getWidth()).isEqualTo(240);
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        String scanned = new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                new com.google.zxing.common.HybridBinarizer(new com.google.zxing.RGBLuminanceSource(
                        image.getWidth(), image.getHeight(), pixels)))).getText();
        assertThat(scanned).as("what an authenticator app scans").isEqualTo(enrolment.get("otpauth_uri").asText());

        Reply wrong = api.post("/api/v1/account/totp/confirm", user.token(), Map.of("code", "000000"));
        assertThat(wrong.status()).isEqualTo(400);
        Reply confirmed = api.post("/api/v1/account/totp/confirm", user.token(),
                Map.of("code", totp(secret, 0)));
        assertThat(confirmed.status()).isEqualTo(200);
        JsonNode recovery = confirmed.json().get("recovery_codes");
        assertThat(recovery).hasSize(10);
        assertThat(payloadsOf(user.userId())).noneMatch(payload -> payload.contains(secret));

        Reply missing = api.post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD));
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("type").asText()).isEqualTo("urn:mailsift:problem:totp-required");
        // The confirming code's step is spent; the next step's code is within the allowed drift.
        String next = totp(secret, 1);
        Reply signedIn = api.post("/api/v1/auth/token", null,
                Map.of("email", email, "password", PASSWORD, "totp", next));
        assertThat(signedIn.status()).isEqualTo(200);
        Reply replayed = api.post("/api/v1/auth/token", null,
                Map.of("email", email, "password", PASSWORD, "totp", next));
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.json().get("type").asText()).isEqualTo("urn:mailsift:problem:totp-required");

        String recoveryCode = recovery.get(3).asText();
        assertThat(api.post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD,
                "totp", recoveryCode.toLowerCase())).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD,
                "totp", recoveryCode)).status()).as("a recovery code works once").isEqualTo(401);
        assertThat(metadataOf(user.userId(), "RecoveryCodeUsed", null).get("actor").asText())
                .isEqualTo("user:" + user.userId());

        assertThat(api.post("/api/v1/account/totp", user.token(), Map.of()).status()).isEqualTo(409);
        assertThat(api.delete("/api/v1/account/totp", user.token()).status()).isEqualTo(204);
        assertThat(api.post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD)).status())
                .isEqualTo(200);
    }

    List<String> payloadsOf(String userId) {
        return jdbc.queryForList("SELECT payload FROM domainevententry WHERE aggregateidentifier = ?", byte[].class,
                userId).stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    // --- profile ----------------------------------------------------------------------------------------

    @Test
    void profileNamesArePatchedAndShownWithTheAccount() throws Exception {
        Session user = api.signUp(uniqueEmail(), PASSWORD);
        JsonNode before = api.get("/api/v1/account", user.token()).json();
        assertThat(before.get("first_name").asText()).isEmpty();
        assertThat(before.get("email_confirmed").asBoolean()).isFalse();

        Reply patched = api.patch("/api/v1/account", user.token(), Map.of("first_name", " Ada ", "last_name", "Lovelace"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("first_name").asText()).isEqualTo("Ada");
        assertThat(patched.json().get("last_name").asText()).isEqualTo("Lovelace");
        Reply onlyFirst = api.patch("/api/v1/account", user.token(), Map.of("first_name", "Augusta"));
        assertThat(onlyFirst.json().get("last_name").asText()).isEqualTo("Lovelace");
        assertThat(api.get("/api/v1/account", user.token()).json().get("first_name").asText()).isEqualTo("Augusta");

        Reply tooLong = api.patch("/api/v1/account", user.token(), Map.of("first_name", "x".repeat(101)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asText()).isEqualTo("first_name");
        assertThat(metadataOf(user.userId(), "ProfileUpdated", "Augusta").get("actor").asText())
                .isEqualTo("user:" + user.userId());
    }

    @Test
    void anAvatarIsReEncodedAsABoundedPngAndServedWithASafeType() throws Exception {
        Session user = api.signUp(uniqueEmail(), PASSWORD);
        assertThat(api.get("/api/v1/account/avatar", user.token()).status()).isEqualTo(404);

        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(800, 600,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(picture, "jpeg", jpeg);
        Reply uploaded = api.upload("/api/v1/account/avatar", user.token(), "file", "me.jpg", "image/jpeg",
                jpeg.toByteArray(), "PUT");
        assertThat(uploaded.status()).isEqualTo(200);
        assertThat(uploaded.json().get("width").asInt()).isEqualTo(512);
        assertThat(uploaded.json().get("height").asInt()).isEqualTo(384);

        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/v1/account/avatar"))
                .header("Authorization", "Bearer " + user.token()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        var served = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(response.body()));
        assertThat(served.getWidth()).isEqualTo(512);
        assertThat(served.getHeight()).isEqualTo(384);

        Reply html = api.upload("/api/v1/account/avatar", user.token(), "file", "me.png", "image/png",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), "PUT");
        assertThat(html.status()).isEqualTo(415);
        assertThat(html.json().get("type").asText()).isEqualTo("urn:mailsift:problem:unsupported-media-type");
        assertThat(metadataOf(user.userId(), "AvatarChanged", null).get("actor").asText())
                .isEqualTo("user:" + user.userId());
    }

    // --- Google sign-in (OIDC, against mock-oauth2-server) --------------------------------------------

    @Test
    void googleSignInLinksTheAccountWithTheVerifiedAddressOrOpensOne() throws Exception {
        String email = uniqueEmail().toLowerCase();
        Session existing = api.signUp(email, PASSWORD);
        java.net.http.HttpResponse<String> landed = googleSignIn("google-" + existing.userId(), email, true);
        assertThat(landed.statusCode()).isEqualTo(302);
        assertThat(landed.headers().firstValue("Location").orElseThrow()).endsWith("/");
        String cookie = cookieValue(landed.headers().allValues("Set-Cookie").stream()
                                          .filter(value -> value.startsWith("ms_refresh=")).findFirst().orElseThrow());
        String token = refresh(cookie).json().get("access_token").asText();
        JsonNode account = api.get("/api/v1/account", token).json();
        assertThat(account.get("id").asText()).isEqualTo(existing.userId());
        assertThat(account.get("email_confirmed").asBoolean()).as("Google verified the address").isTrue();
        assertThat(metadataOf(existing.userId(), "ExternalIdentityLinked", "google-" + existing.userId())
                .get("actor").asText()).isEqualTo("user:" + existing.userId());

        String newcomer = uniqueEmail().toLowerCase();
        java.net.http.HttpResponse<String> opened = googleSignIn("google-new-" + UUID.randomUUID(), newcomer, true);
        String newCookie = cookieValue(opened.headers().allValues("Set-Cookie").stream()
                                             .filter(value -> value.startsWith("ms_refresh=")).findFirst()
                                             .orElseThrow());
        JsonNode newAccount = api.get("/api/v1/account", refresh(newCookie).json().get("access_token").asText()).json();
        assertThat(newAccount.get("email").asText()).isEqualTo(newcomer);
        assertThat(newAccount.get("email_confirmed").asBoolean()).isTrue();

        java.net.http.HttpResponse<String> unverified = googleSignIn("google-x", uniqueEmail().toLowerCase(), false);
        assertThat(unverified.headers().firstValue("Location").orElseThrow()).contains("oidc_error=email_not_verified");
        assertThat(unverified.headers().allValues("Set-Cookie")).noneMatch(value -> value.startsWith("ms_refresh="));
    }

    @Test
    void aGoogleCallbackWithoutItsStateCookieIsRefused() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var start = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/oauth2/authorization/google")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        // No person is queued at the provider: the callback must fail before any token is fetched.
        var atProvider = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(start.headers().firstValue("Location").orElseThrow())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var callback = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(atProvider.headers().firstValue("Location").orElseThrow())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(callback.headers().firstValue("Location").orElseThrow()).contains("oidc_error=sign_in_failed");
        assertThat(callback.headers().allValues("Set-Cookie")).noneMatch(value -> value.startsWith("ms_refresh="));
    }

    /** Walks the browser's redirects: our start endpoint, the provider, our callback (with the state cookie). */
    java.net.http.HttpResponse<String> googleSignIn(String subject, String email, boolean verified) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var start = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/oauth2/authorization/google")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(302);
        String stateCookie = start.headers().allValues("Set-Cookie").stream()
                                  .filter(value -> value.startsWith("ms_oidc=")).findFirst().orElseThrow();
        assertThat(stateCookie).contains("HttpOnly").contains("SameSite=Lax");
        TestOidcServer.nextPerson(subject, email, verified);
        var atProvider = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(start.headers().firstValue("Location").orElseThrow())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(atProvider.statusCode()).isEqualTo(302);
        String callback = atProvider.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith("http://localhost:" + port + "/login/oauth2/code/google");
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(callback))
                        .header("Cookie", stateCookie.substring(0, stateCookie.indexOf(';'))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    // --- isolation ------------------------------------------------------------------------------------

    /**
     * Walks every authenticated endpoint in the OpenAPI document as user B, aimed at user A's resources: each
     * answers 404 (403 under /api/v1/admin), and no listing of B's shows anything of A's.
     */
    @Test
    void userBReachesNoneOfUserAsResourcesOnAnyEndpoint() throws Exception {
        String emailA = uniqueEmail().toLowerCase();
        Session a = api.signUp(emailA, PASSWORD);
        Session b = api.signUp(uniqueEmail(), PASSWORD);
        String keyA = api.post("/api/v1/api-keys", a.token(), Map.of("label", "A's key")).json().get("id").asText();
        Reply job = api.upload("/api/v1/jobs", a.token(), "file", "list.csv", "text/csv",
                "email\nada@example.com\n".getBytes(StandardCharsets.UTF_8));
        assertThat(job.status()).as("A's job upload: " + job.body()).isBetween(200, 299);
        Map<String, String> resourcesOfA = Map.of("keyId", keyA, "userId", a.userId(),
                "jobId", job.json().get("id").asText());

        JsonNode paths = api.get("/v3/api-docs", null).json().get("paths");
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
                Reply reply = api.send(method, path, b.token(), headers, hasBody ? "{}" : null);
                walked++;
                if (template.startsWith("/api/v1/admin/")) {
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
        assertThat(api.get("/api/v1/api-keys", a.token()).json().get("api_keys").get(0).get("revoked_at").isNull())
                .isTrue();
    }

    // --- hardening --------------------------------------------------------------------------------------

    @Test
    void onlyAllowListedOriginsPassCorsPreflight() {
        Map<String, String> allowed = Map.of("Origin", ALLOWED_ORIGIN, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type");
        Reply ok = api.send("OPTIONS", "/api/v1/api-keys", null, allowed, null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
        assertThat(ok.header("Access-Control-Allow-Credentials")).isEqualTo("true");

        Reply evil = api.send("OPTIONS", "/api/v1/api-keys", null, Map.of("Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST"), null);
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void responsesCarrySecurityHeadersAndOversizedBodiesAreRefused() {
        Session user = api.signUp(uniqueEmail(), PASSWORD);
        Reply reply = api.get("/api/v1/account", user.token());
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(reply.header("Content-Security-Policy")).contains("default-src 'self'")
                                                           .contains("frame-ancestors 'none'");
        assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(reply.header("Cache-Control")).contains("no-store");

        String huge = "{\"label\": \"" + "x".repeat(70_000) + "\"}";
        Reply tooLarge = api.post("/api/v1/api-keys", user.token(), huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("type").asText()).isEqualTo("urn:mailsift:problem:payload-too-large");
    }

    @Test
    void theOpenApiDocumentListsEveryAccountsAndSecurityEndpoint() {
        JsonNode paths = api.get("/v3/api-docs", null).json().get("paths");
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

    // --- helpers ----------------------------------------------------------------------------------------

    Reply refresh(String cookie) {
        return api.post("/api/v1/auth/refresh", null, Map.of(),
                Map.of("Cookie", "ms_refresh=" + cookie, "X-MailSift-CSRF", "1"));
    }

    static String cookieValue(String setCookie) {
        assertThat(setCookie).startsWith("ms_refresh=");
        return setCookie.substring("ms_refresh=".length(), setCookie.indexOf(';'));
    }

    JsonNode adminRow(String adminToken, String email) {
        return api.get("/api/v1/admin/users?email=" + email.toLowerCase(), adminToken).json().get("users").get(0);
    }

    /** The metadata of the user's latest event of {@code type} (whose payload contains {@code marker}, if given). */
    JsonNode metadataOf(String userId, String type, String marker) throws Exception {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT payload, metadata FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype = ? ORDER BY sequencenumber DESC", userId,
                "dev.mailsift.api.user." + type);
        for (Map<String, Object> row : rows) {
            String payload = new String((byte[]) row.get("payload"), StandardCharsets.UTF_8);
            if (marker == null || payload.contains(marker)) {
                return JSON.readTree((byte[]) row.get("metadata"));
            }
        }
        throw new AssertionError("no " + type + " event for " + userId);
    }

    static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
