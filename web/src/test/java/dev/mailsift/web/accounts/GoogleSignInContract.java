package dev.mailsift.web.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.TestOidcServer;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.mailsift.web.support.AccessContract.cookieValue;
import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Google sign-in (OIDC) against mock-oauth2-server, walking the browser's redirects. Run on the embedded default and
 * on the real PostgreSQL and RabbitMQ by {@code EmbeddedGoogleSignInTest} and {@code PostgresRabbitGoogleSignInTest}.
 */
interface GoogleSignInContract extends AccessContract {

    @Test
    default void googleSignInLinksTheAccountWithTheVerifiedAddressOrOpensOne() throws Exception {
        String email = uniqueEmail().toLowerCase();
        Session existing = api().signUp(email, PASSWORD);
        java.net.http.HttpResponse<String> landed = googleSignIn("google-" + existing.userId(), email, true);
        assertThat(landed.statusCode()).isEqualTo(302);
        assertThat(landed.headers().firstValue("Location").orElseThrow()).endsWith("/");
        String cookie = cookieValue(landed.headers().allValues("Set-Cookie").stream()
                                          .filter(value -> value.startsWith("ms_refresh=")).findFirst().orElseThrow());
        String token = refresh(cookie).json().get("access_token").asText();
        JsonNode account = api().get("/api/v1/account", token).json();
        assertThat(account.get("id").asText()).isEqualTo(existing.userId());
        assertThat(account.get("email_confirmed").asBoolean()).as("Google verified the address").isTrue();
        assertThat(metadataOf(existing.userId(), "ExternalIdentityLinked", "google-" + existing.userId())
                .get("actor").asText()).isEqualTo("user:" + existing.userId());

        String newcomer = uniqueEmail().toLowerCase();
        java.net.http.HttpResponse<String> opened = googleSignIn("google-new-" + UUID.randomUUID(), newcomer, true);
        String newCookie = cookieValue(opened.headers().allValues("Set-Cookie").stream()
                                             .filter(value -> value.startsWith("ms_refresh=")).findFirst()
                                             .orElseThrow());
        JsonNode newAccount = api().get("/api/v1/account", refresh(newCookie).json().get("access_token").asText())
                                   .json();
        assertThat(newAccount.get("email").asText()).isEqualTo(newcomer);
        assertThat(newAccount.get("email_confirmed").asBoolean()).isTrue();

        java.net.http.HttpResponse<String> unverified = googleSignIn("google-x", uniqueEmail().toLowerCase(), false);
        assertThat(unverified.headers().firstValue("Location").orElseThrow()).contains("oidc_error=email_not_verified");
        assertThat(unverified.headers().allValues("Set-Cookie")).noneMatch(value -> value.startsWith("ms_refresh="));
    }

    @Test
    default void theSignInPageIsToldGoogleIsOfferedAndWhereABrowserStarts() {
        var answer = api().get("/api/v1/auth/providers", null);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode providers = answer.json().get("providers");
        assertThat(providers).hasSize(1);
        assertThat(providers.get(0).get("id").asText()).isEqualTo("google");
        assertThat(providers.get(0).get("name").asText()).isEqualTo("Google");
        assertThat(providers.get(0).get("sign_in_url").asText()).isEqualTo("/oauth2/authorization/google");
    }

    @Test
    default void aGoogleCallbackWithoutItsStateCookieIsRefused() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var start = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port() + "/oauth2/authorization/google")).build(),
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
    default java.net.http.HttpResponse<String> googleSignIn(String subject, String email, boolean verified)
            throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var start = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port() + "/oauth2/authorization/google")).build(),
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
        assertThat(callback).startsWith("http://localhost:" + port() + "/login/oauth2/code/google");
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(callback))
                        .header("Cookie", stateCookie.substring(0, stateCookie.indexOf(';'))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
