package dev.mailsift.web.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.EmbeddedTestProperties;
import dev.mailsift.web.support.TestMailServer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the embedded billing tests do on their node, against their Stripe stand-in: open and pay checkouts, deliver
 * Stripe's events signed (or not), and wait for the balance, the statement, the subscription and the inbox of Stripe
 * events to show what the deliveries did.
 */
final class BillingTestClient {

    private final ApiClient api;
    private final JdbcTemplate jdbc;
    private final StripeStandIn stripe;

    BillingTestClient(ApiClient api, JdbcTemplate jdbc, StripeStandIn stripe) {
        this.api = api;
        this.jdbc = jdbc;
        this.stripe = stripe;
    }

    /** The embedded default in a fresh directory, mailing the test mail server and paying through {@code stripe}. */
    static void registerEmbedded(DynamicPropertyRegistry registry, String directoryPrefix, StripeStandIn stripe)
            throws IOException {
        EmbeddedTestProperties.register(registry, Files.createTempDirectory(directoryPrefix));
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
        stripe.register(registry);
    }

    /** A new account for {@code email}, confirmed with the code mailed to it. */
    Session signUpConfirmed(String email) {
        Session user = api.signUp(email, "correct horse battery");
        String code = TestMailServer.codeIn(TestMailServer.awaitMessage(email, 1));
        assertThat(api.post("/api/v1/auth/confirm-email", null, Map.of("email", email, "code", code)).status())
                .isEqualTo(200);
        return user;
    }

    Reply checkout(Session user, String pack) {
        return api.post("/api/v1/billing/checkout", user.token(), Map.of("pack", pack));
    }

    /**
     * A checkout for {@code item} ({@code pack} or {@code plan} to its id), paid, and reported by the checkout's
     * event; the session's id.
     */
    String paidCheckout(Session user, String kind, String item) {
        Reply opened = api.post("/api/v1/billing/checkout", user.token(), Map.of(kind, item));
        assertThat(opened.status()).isEqualTo(201);
        String sessionId = opened.json().get("id").asText();
        stripe.pay(sessionId);
        assertThat(deliver(stripe.event("checkout.session.completed", sessionId)).status()).isEqualTo(200);
        return sessionId;
    }

    /** A paid checkout for {@code plan}; the subscription's id. */
    String subscribe(Session user, String plan) {
        return stripe.subscriptionOf(paidCheckout(user, "plan", plan));
    }

    /** {@code event} as Stripe delivers it, signed with the endpoint's secret. */
    Reply deliver(String event) {
        return deliver(event, StripeStandIn.signature(event, StripeStandIn.WEBHOOK_SECRET, 0));
    }

    /** {@code event} delivered with {@code signature}, or with none when it is null. */
    Reply deliver(String event, String signature) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json; charset=utf-8"));
        if (signature != null) {
            headers.put("Stripe-Signature", signature);
        }
        return api.send("POST", "/api/v1/billing/stripe-webhook", null, headers, event);
    }

    static String eventId(String event) {
        try {
            return new ObjectMapper().readTree(event).get("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode account(Session user) {
        return api.get("/api/v1/account", user.token()).json();
    }

    long credits(Session user) {
        return account(user).get("credits_available").asLong();
    }

    /** The credits available once they are {@code expected}, or as they are after 20 seconds. */
    long awaitCredits(Session user, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long available = credits(user);
        while (available != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            available = credits(user);
        }
        return available;
    }

    /** The statement once it lists {@code movements}. */
    JsonNode awaitStatement(Session user, long movements) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/billing/ledger", user.token()).json(),
                page -> page.get("total").asLong() == movements);
    }

    /** The subscription once it answers and {@code until} holds of it. */
    JsonNode awaitSubscription(Session user, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/billing/subscription", user.token()),
                reply -> reply.status() == 200 && until.test(reply.json())).json();
    }

    /** The state of the inbox's record of {@code eventId} once it is recorded and handled, one way or another. */
    String awaitInboxState(String eventId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "SELECT state FROM stripe_event_inbox WHERE event_id = ?", String.class, eventId),
                states -> states.size() == 1 && !"RECEIVED".equals(states.getFirst())).getFirst();
    }

    /** Until no delivery naming {@code stripeObjectId} waits to be handled. */
    void awaitInboxSettled(String stripeObjectId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM stripe_event_inbox WHERE state = 'RECEIVED' AND payload LIKE ?", Long.class,
                "%\"" + stripeObjectId + "\"%") == 0);
    }
}
