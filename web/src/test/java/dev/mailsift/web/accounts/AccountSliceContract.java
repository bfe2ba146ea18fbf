package dev.mailsift.web.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.query.accounts.account.AccountProjection;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.io.Decoders;
import io.jsonwebtoken.security.Keys;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.mailsift.web.support.ApiClient.PROBLEM_JSON;
import static dev.mailsift.web.support.EmbeddedTestProperties.JWT_SECRET;
import static dev.mailsift.web.support.TestAccounts.ADMIN_EMAIL;
import static dev.mailsift.web.support.TestAccounts.ADMIN_PASSWORD;
import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first vertical slice over HTTP, as a curl user drives it. Run against the embedded default and against
 * the real PostgreSQL and RabbitMQ by the subclasses.
 */
abstract class AccountSliceContract {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void signUpSignInReadTheAccountAndSeeAnAdminGrantChangeTheBalance() {
        String email = uniqueEmail();
        Reply created = api.post("/api/v1/users", null, Map.of("email", email, "password", "correct horse battery"));
        assertThat(created.status()).isEqualTo(201);
        String userId = created.json().get("id").asText();
        assertThat(created.json().get("email").asText()).isEqualTo(email.toLowerCase());

        Reply token = api.post("/api/v1/auth/token", null,
                Map.of("email", email.toUpperCase(), "password", "correct horse battery"));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.json().get("expires_in").asLong()).isEqualTo(900);
        String accessToken = token.json().get("access_token").asText();

        JsonNode account = api.get("/api/v1/account", accessToken).json();
        assertThat(account.get("id").asText()).isEqualTo(userId);
        assertThat(account.get("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(account.get("credits_available").asLong()).isZero();
        assertThat(account.get("credits_reserved").asLong()).isZero();

        String adminToken = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        Reply grant = api.post("/api/v1/admin/users/" + userId + "/credits", adminToken,
                Map.of("amount", 500, "reason", "welcome"));
        assertThat(grant.status()).isEqualTo(200);
        assertThat(grant.json().get("credits_available").asLong()).isEqualTo(500);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/account", accessToken).json().get("credits_available").asLong())
                        .isEqualTo(500));
    }

    @Test
    void aRetriedGrantWithTheSameIdempotencyKeyGrantsOnce() {
        Session user = api.signUp(uniqueEmail(), "correct horse battery");
        String adminToken = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        Map<String, String> key = Map.of("Idempotency-Key", "grant-" + UUID.randomUUID());
        Reply first = api.post("/api/v1/admin/users/" + user.userId() + "/credits", adminToken,
                Map.of("amount", 40, "reason", "trial"), key);
        Reply retry = api.post("/api/v1/admin/users/" + user.userId() + "/credits", adminToken,
                Map.of("amount", 40, "reason", "trial"), key);
        assertThat(first.json().get("credits_available").asLong()).isEqualTo(40);
        assertThat(retry.json().get("credits_available").asLong()).isEqualTo(40);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/account", user.token()).json().get("credits_available").asLong())
                        .isEqualTo(40));
    }

    @Test
    void eventsCarryTheActorAndClientAddressAndCorrelation() throws Exception {
        Session user = api.signUp(uniqueEmail(), "correct horse battery");
        String adminToken = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String adminId = api.get("/api/v1/account", adminToken).json().get("id").asText();
        api.post("/api/v1/admin/users/" + user.userId() + "/credits", adminToken, Map.of("amount", 7, "reason", "r"));

        List<Map<String, Object>> events = jdbc.queryForList(
                "SELECT payloadtype, metadata FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype IN ('dev.mailsift.api.user.UserRegistered', "
                        + "'dev.mailsift.api.user.CreditsGranted') ORDER BY sequencenumber", user.userId());
        assertThat(events).extracting(row -> row.get("payloadtype"))
                          .containsExactly("dev.mailsift.api.user.UserRegistered",
                                  "dev.mailsift.api.user.CreditsGranted");
        ObjectMapper json = new ObjectMapper();
        JsonNode registered = json.readTree((byte[]) events.get(0).get("metadata"));
        JsonNode granted = json.readTree((byte[]) events.get(1).get("metadata"));
        assertThat(registered.get("actor").asText()).isEqualTo("user:" + user.userId());
        assertThat(registered.get("clientAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(granted.get("actor").asText()).isEqualTo("user:" + adminId);
        assertThat(granted.get("correlationId").asText()).isNotBlank();
        assertThat(granted.get("traceId").asText()).isNotBlank();
    }

    @Test
    void anOrdinaryUserCannotGrantCredits() {
        Session user = api.signUp(uniqueEmail(), "correct horse battery");
        Reply reply = api.post("/api/v1/admin/users/" + user.userId() + "/credits", user.token(),
                Map.of("amount", 1000, "reason", "free money"));
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:mailsift:problem:forbidden");
    }

    @Test
    void grantingToAnUnknownUserAnswers404() {
        String adminToken = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        Reply reply = api.post("/api/v1/admin/users/" + UUID.randomUUID() + "/credits", adminToken,
                Map.of("amount", 5, "reason", "nobody"));
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:mailsift:problem:not-found");
    }

    @Test
    void badInputAnswersProblemDetailsWithStableTypes() {
        String email = uniqueEmail();
        api.signUp(email, "correct horse battery");

        Reply duplicate = api.post("/api/v1/users", null, Map.of("email", email, "password", "another good one"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith(PROBLEM_JSON);
        assertThat(duplicate.json().get("type").asText()).isEqualTo("urn:mailsift:problem:email-taken");

        Reply weak = api.post("/api/v1/users", null, Map.of("email", uniqueEmail(), "password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("type").asText()).isEqualTo("urn:mailsift:problem:validation");
        assertThat(weak.json().get("errors").get(0).get("field").asText()).isEqualTo("password");

        Reply notAnAddress = api.post("/api/v1/users", null, Map.of("email", "nope", "password", "long enough pw"));
        assertThat(notAnAddress.status()).isEqualTo(400);
        assertThat(notAnAddress.json().get("errors").get(0).get("field").asText()).isEqualTo("email");

        Reply malformed = api.post("/api/v1/users", null, "{\"email\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("type").asText()).isEqualTo("urn:mailsift:problem:malformed-request");

        Reply badGrant = api.post("/api/v1/admin/users/x/credits", api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD),
                Map.of("amount", 0, "reason", "zero"));
        assertThat(badGrant.status()).isEqualTo(400);
        assertThat(badGrant.json().get("errors").get(0).get("field").asText()).isEqualTo("amount");
    }

    @Test
    void wrongPasswordAndUnknownAddressAnswerTheSame401() {
        String email = uniqueEmail();
        api.signUp(email, "correct horse battery");
        Reply wrongPassword = api.post("/api/v1/auth/token", null, Map.of("email", email, "password", "wrong one!!"));
        Reply unknown = api.post("/api/v1/auth/token", null,
                Map.of("email", uniqueEmail(), "password", "correct horse battery"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("type")).isEqualTo(unknown.json().get("type"));
        assertThat(wrongPassword.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    }

    @Test
    void missingTamperedExpiredForeignAndUnsignedTokensAnswer401() {
        Session user = api.signUp(uniqueEmail(), "correct horse battery");
        var key = Keys.hmacShaKeyFor(Decoders.BASE64.decode(JWT_SECRET));

        String expired = Jwts.builder().issuer("mailsift").subject(user.userId()).claim("role", "USER")
                             .issuedAt(Date.from(Instant.now().minusSeconds(3600)))
                             .expiration(Date.from(Instant.now().minusSeconds(60)))
                             .signWith(key).compact();
        String foreign = Jwts.builder().issuer("mailsift").subject(user.userId()).claim("role", "ADMIN")
                             .expiration(Date.from(Instant.now().plusSeconds(600)))
                             .signWith(Jwts.SIG.HS256.key().build()).compact();
        String[] parts = user.token().split("\\.");
        String elevatedPayload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"USER\"", "\"ADMIN\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(elevatedPayload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String unsigned = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";

        assertThat(api.get("/api/v1/account", null).status()).isEqualTo(401);
        for (String token : List.of(expired, foreign, tampered, unsigned, "not-a-jwt")) {
            Reply reply = api.get("/api/v1/account", token);
            assertThat(reply.status()).as(token).isEqualTo(401);
            assertThat(reply.json().get("type").asText()).isEqualTo("urn:mailsift:problem:unauthorized");
        }
        assertThat(api.get("/api/v1/account", user.token()).status()).isEqualTo(200);
    }

    /** The account read model is a pure function of the event store: wipe it, replay, get the same rows. */
    @Test
    void wipingTheAccountReadModelAndReplayingRebuildsTheSameRows() throws Exception {
        String adminToken = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        List<String> granted = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Session user = api.signUp(uniqueEmail(), "correct horse battery");
            api.post("/api/v1/admin/users/" + user.userId() + "/credits", adminToken,
                    Map.of("amount", 10 * (i + 1), "reason", "replay " + i));
            granted.add(user.userId());
        }
        // Every grant above must be projected before the "before" picture is taken.
        await().atMost(Duration.ofSeconds(10)).until(() -> granted.stream().allMatch(id ->
                jdbc.queryForObject("SELECT COUNT(*) FROM account_view WHERE id = ? AND credits_available > 0",
                        Long.class, id) == 1));
        String snapshot = "SELECT id, email, role, credits_available, credits_reserved, registered_at, updated_at "
                + "FROM account_view ORDER BY id";
        long expectedRows = jdbc.queryForObject("SELECT COUNT(*) FROM user_email", Long.class);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM account_view", Long.class) == expectedRows
                        && jdbc.queryForObject("SELECT COUNT(*) FROM account_view WHERE credits_available > 0",
                        Long.class) >= 5);
        List<Map<String, Object>> before = jdbc.queryForList(snapshot);

        StreamingEventProcessor processor = processing
                .eventProcessor(AccountProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutdownAsync().get(10, TimeUnit.SECONDS);
        jdbc.update("DELETE FROM account_view");
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(jdbc.queryForList(snapshot)).isEqualTo(before));
        assertThat(before).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void healthIsUpAndTheOpenApiDocumentListsTheSlice() {
        assertThat(api.get("/actuator/health", null).json().get("status").asText()).isEqualTo("UP");
        JsonNode paths = api.get("/v3/api-docs", null).json().get("paths");
        assertThat(paths.has("/api/v1/users")).isTrue();
        assertThat(paths.has("/api/v1/auth/token")).isTrue();
        assertThat(paths.has("/api/v1/account")).isTrue();
        assertThat(paths.has("/api/v1/admin/users/{userId}/credits")).isTrue();
    }
}
