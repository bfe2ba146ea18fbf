package dev.mailsift.web.platform.security;

import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.RawHttp;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.Map;

import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request budgets over HTTP, with small limits: sign-in attempts per account and client address (a guesser elsewhere
 * never locks the owner out) and per account over all addresses, API requests per user and per API key, anonymous
 * auth requests per client address. Other client addresses are other loopback addresses (127.0.0.2, …). The
 * per-address test runs last: it spends the address budget.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RateLimitContract {

    static final String PASSWORD = "correct horse battery";
    static final int PER_ACCOUNT = 3;
    static final int CEILING = 7;
    static final int PER_PRINCIPAL = 5;
    static final int PER_ADDRESS = 25;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    static void register(DynamicPropertyRegistry registry) {
        registry.add("mailsift.security.rate-limits.sign-in-per-account.capacity", () -> PER_ACCOUNT);
        registry.add("mailsift.security.rate-limits.sign-in-per-account-ceiling.capacity", () -> CEILING);
        registry.add("mailsift.security.rate-limits.api-per-principal.capacity", () -> PER_PRINCIPAL);
        registry.add("mailsift.security.rate-limits.auth-per-address.capacity", () -> PER_ADDRESS);
    }

    @Test
    @Order(1)
    void signInAttemptsAgainstOneAccountFromOneAddressAreLimited() {
        String email = uniqueEmail();
        api.post("/api/v1/users", null, Map.of("email", email, "password", PASSWORD));
        for (int i = 0; i < PER_ACCOUNT; i++) {
            assertThat(api.post("/api/v1/auth/token", null, Map.of("email", email, "password", "guess " + i))
                          .status()).isEqualTo(401);
        }
        Reply limited = api.post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD));
        assertRateLimited(limited);
        // the budget that refused it, not the client address's, which has room left
        assertThat(limited.header("RateLimit-Limit")).isEqualTo(Integer.toString(PER_ACCOUNT));
        assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.headers("RateLimit-Remaining")).hasSize(1);
        assertThat(Long.parseLong(limited.header("RateLimit-Reset"))).isPositive();

        String other = uniqueEmail();
        api.post("/api/v1/users", null, Map.of("email", other, "password", PASSWORD));
        assertThat(api.post("/api/v1/auth/token", null, Map.of("email", other, "password", PASSWORD)).status())
                .isEqualTo(200);
    }

    @Test
    @Order(1)
    void aGuesserElsewhereDoesNotLockTheOwnerOut() {
        String email = uniqueEmail();
        api.post("/api/v1/users", null, Map.of("email", email, "password", PASSWORD));
        api.signIn(email, PASSWORD);

        for (int i = 0; i < PER_ACCOUNT; i++) {
            assertThat(signIn("127.0.0.2", email, "guess " + i).status()).isEqualTo(401);
        }
        assertThat(signIn("127.0.0.2", email, PASSWORD).status()).as("the guesser is slowed").isEqualTo(429);

        assertThat(api.signIn(email, PASSWORD)).as("the owner's known device").isNotBlank();
        assertThat(signIn("127.0.0.3", email, PASSWORD).status()).as("the owner elsewhere").isEqualTo(200);
    }

    @Test
    @Order(1)
    void distributedGuessingMeetsTheAccountCeilingButTheOwnersDeviceIsLetThrough() {
        String email = uniqueEmail();
        api.post("/api/v1/users", null, Map.of("email", email, "password", PASSWORD));
        api.signIn(email, PASSWORD);

        // the owner's first sign-in (from a device not yet known) counted too
        for (int guess = 0; guess < CEILING - 1; guess++) {
            String address = "127.0.1." + (10 + guess / (PER_ACCOUNT - 1));
            assertThat(signIn(address, email, "guess " + guess).status()).as(address).isEqualTo(401);
        }
        RawHttp.Answer ceiling = signIn("127.0.1.99", email, PASSWORD);
        assertThat(ceiling.status()).as("a fresh address past the account's ceiling").isEqualTo(429);
        assertThat(ceiling.json().get("type").asText()).isEqualTo("urn:mailsift:problem:rate-limited");

        assertThat(api.signIn(email, PASSWORD)).as("the owner's known device").isNotBlank();
    }

    @Test
    @Order(1)
    void codeRequestsForAnAddressNeverKeepItsOwnerFromSigningIn() {
        String email = uniqueEmail();
        api.post("/api/v1/users", null, Map.of("email", email, "password", PASSWORD));
        String body = "{\"email\": \"" + email + "\"}";
        int limited = 0;
        for (int i = 0; i < PER_ACCOUNT + 5; i++) {
            RawHttp.Answer reset = post("127.0.0.4", "/api/v1/auth/password-reset", body);
            assertThat(reset.status()).isIn(202, 429);
            limited += reset.status() == 429 ? 1 : 0;
        }
        assertThat(limited).as("code requests have a budget").isEqualTo(5);

        assertThat(api.signIn(email, PASSWORD)).as("the owner, on a device never seen").isNotBlank();
    }

    private RawHttp.Answer signIn(String from, String email, String password) {
        return post(from, "/api/v1/auth/token", "{\"email\": \"" + email + "\", \"password\": \"" + password
                + "\"}");
    }

    private RawHttp.Answer post(String from, String path, String json) {
        try {
            byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new RawHttp(port, java.net.InetAddress.getByName(from)).send("POST " + path
                    + " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " + body.length, body);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(2)
    void apiRequestsAreLimitedPerUserAndPerApiKey() {
        Session user = api.signUp(uniqueEmail(), PASSWORD);
        Reply issued = api.post("/api/v1/api-keys", user.token(), Map.of("label", "k"));
        assertThat(issued.status()).isEqualTo(201);
        String key = issued.json().get("key").asText();
        for (int i = 1; i < PER_PRINCIPAL; i++) {
            Reply allowed = api.get("/api/v1/account", user.token());
            assertThat(allowed.status()).isEqualTo(200);
            // the sign-up's key request spent one token, each read one more
            assertThat(allowed.header("RateLimit-Limit")).isEqualTo(Integer.toString(PER_PRINCIPAL));
            assertThat(allowed.header("RateLimit-Remaining")).isEqualTo(Integer.toString(PER_PRINCIPAL - 1 - i));
            assertThat(Long.parseLong(allowed.header("RateLimit-Reset"))).isPositive();
        }
        Reply refused = api.get("/api/v1/account", user.token());
        assertRateLimited(refused);
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");

        for (int i = 0; i < PER_PRINCIPAL; i++) {
            assertThat(api.get("/api/v1/account", key).status()).as("the key has a budget of its own").isEqualTo(200);
        }
        assertRateLimited(api.get("/api/v1/account", null, Map.of("X-API-Key", key)));

        Session other = api.signUp(uniqueEmail(), PASSWORD);
        assertThat(api.get("/api/v1/account", other.token()).status()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void anonymousAuthRequestsAreLimitedPerClientAddress() {
        Reply last = null;
        for (int i = 0; i <= PER_ADDRESS; i++) {
            last = api.post("/api/v1/auth/password-reset", null, Map.of("email", uniqueEmail()));
            if (last.status() == 429) {
                break;
            }
            assertThat(last.status()).isEqualTo(202);
        }
        assertRateLimited(last);
    }

    static void assertRateLimited(Reply reply) {
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:mailsift:problem:rate-limited");
        assertThat(Long.parseLong(reply.header("Retry-After"))).isPositive();
    }
}
