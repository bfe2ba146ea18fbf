package dev.mailsift.web.accounts;

import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.mailsift.web.support.AccessContract.cookieValue;
import static dev.mailsift.web.support.AccessContract.sha256;
import static dev.mailsift.web.support.TestAccounts.ADMIN_EMAIL;
import static dev.mailsift.web.support.TestAccounts.ADMIN_PASSWORD;
import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh-cookie sessions: the cookie, rotation and reuse detection, logout, what ends a session, and the mail on a
 * sign-in from a new device. Run on the embedded default and on the real PostgreSQL and RabbitMQ by
 * {@code EmbeddedSessionsTest} and {@code PostgresRabbitSessionsTest}.
 */
interface SessionsContract extends AccessContract {

    @Test
    default void signInSetsAStrictHttpOnlySecureRefreshCookieStoredOnlyAsAHash() throws Exception {
        String email = uniqueEmail();
        api().signUp(email, PASSWORD);
        Reply token = api().post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD));
        assertThat(token.status()).isEqualTo(200);
        String setCookie = token.header("Set-Cookie");
        assertThat(setCookie).startsWith("ms_refresh=").contains("HttpOnly").contains("Secure")
                             .contains("SameSite=Strict").contains("Path=/api/v1/auth").contains("Max-Age=604800");
        assertThat(token.header("Cache-Control")).isEqualTo("no-store");
        String refresh = cookieValue(setCookie);
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM refresh_token WHERE token_hash = ?", Long.class,
                sha256(refresh))).isEqualTo(1);
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM refresh_token WHERE token_hash = ?", Long.class,
                refresh)).isZero();
    }

    @Test
    default void refreshRotatesTheCookieAndAReusedTokenEndsTheWholeSession() {
        String email = uniqueEmail();
        api().signUp(email, PASSWORD);
        String first = cookieValue(api().post("/api/v1/auth/token", null,
                Map.of("email", email, "password", PASSWORD)).header("Set-Cookie"));

        Reply noHeader = api().post("/api/v1/auth/refresh", null, Map.of(), Map.of("Cookie", "ms_refresh=" + first));
        assertThat(noHeader.status()).isEqualTo(403);
        assertThat(noHeader.json().get("type").asText()).isEqualTo("urn:mailsift:problem:csrf");

        Reply refreshed = refresh(first);
        assertThat(refreshed.status()).isEqualTo(200);
        String accessToken = refreshed.json().get("access_token").asText();
        assertThat(api().get("/api/v1/account", accessToken).status()).isEqualTo(200);
        String second = cookieValue(refreshed.header("Set-Cookie"));
        assertThat(second).isNotEqualTo(first);
        String third = cookieValue(refresh(second).header("Set-Cookie"));

        Reply reused = refresh(first);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.json().get("type").asText()).isEqualTo("urn:mailsift:problem:unauthorized");
        assertThat(refresh(third).status()).as("the family is revoked").isEqualTo(401);
        assertThat(refresh("made-up").status()).isEqualTo(401);
        assertThat(api().post("/api/v1/auth/refresh", null, Map.of(), Map.of("X-MailSift-CSRF", "1")).status())
                .isEqualTo(401);
    }

    @Test
    default void logoutEndsTheSessionAndClearsTheCookie() {
        String email = uniqueEmail();
        api().signUp(email, PASSWORD);
        String cookie = cookieValue(api().post("/api/v1/auth/token", null,
                Map.of("email", email, "password", PASSWORD)).header("Set-Cookie"));
        assertThat(api().post("/api/v1/auth/logout", null, Map.of(), Map.of("Cookie", "ms_refresh=" + cookie))
                      .status()).isEqualTo(403);
        Reply logout = api().post("/api/v1/auth/logout", null, Map.of(),
                Map.of("Cookie", "ms_refresh=" + cookie, "X-MailSift-CSRF", "1"));
        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.header("Set-Cookie")).startsWith("ms_refresh=;").contains("Max-Age=0");
        assertThat(refresh(cookie).status()).isEqualTo(401);
    }

    @Test
    default void suspensionAndPasswordChangeEndRefreshSessions() {
        String email = uniqueEmail();
        Session user = api().signUp(email, PASSWORD);
        String cookie = cookieValue(api().post("/api/v1/auth/token", null,
                Map.of("email", email, "password", PASSWORD)).header("Set-Cookie"));
        api().post("/api/v1/account/password", user.token(),
                Map.of("current_password", PASSWORD, "new_password", "another passphrase"));
        assertThat(refresh(cookie).status()).isEqualTo(401);

        String second = cookieValue(api().post("/api/v1/auth/token", null,
                Map.of("email", email, "password", "another passphrase")).header("Set-Cookie"));
        String adminToken = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        api().post("/api/v1/admin/users/" + user.userId() + "/suspend", adminToken, Map.of("reason", "abuse"));
        Reply suspended = refresh(second);
        assertThat(suspended.status()).isEqualTo(401);
        api().post("/api/v1/admin/users/" + user.userId() + "/reinstate", adminToken, Map.of());
    }

    @Test
    default void aSignInFromANewDeviceIsMailedToTheOwner() throws Exception {
        String email = uniqueEmail().toLowerCase();
        api().signUp(email, PASSWORD);
        TestMailServer.awaitMessage(email, 1);
        api().signIn(email, PASSWORD);
        Reply firefox = api().post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD),
                Map.of("User-Agent", "Firefox on a stranger's laptop"));
        assertThat(firefox.status()).isEqualTo(200);
        MimeMessage alert = TestMailServer.awaitMessage(email, 2);
        assertThat(alert.getSubject()).isEqualTo("New sign-in to your MailSift account");
        assertThat(TestMailServer.textPart(alert)).contains("Firefox on a stranger's laptop").contains("127.0.0.1");
        assertThat(TestMailServer.htmlPart(alert)).contains("Firefox on a stranger&#39;s laptop");
        api().post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD),
                Map.of("User-Agent", "Firefox on a stranger's laptop"));
        api().signIn(email, PASSWORD);
        assertThat(TestMailServer.messagesTo(email)).as("known devices are not mailed again").hasSize(2);
    }
}
