package dev.mailsift.web.billing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.EmbeddedTestProperties;
import dev.mailsift.web.support.EventLedger;
import dev.mailsift.web.support.TestAccounts;
import dev.mailsift.web.support.TestMailServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plan changes over HTTP on the embedded default, driven by signed Stripe deliveries through the stand-in: an upgrade
 * takes effect at once with its invoice's top-up, a downgrade from the next period, a cancellation at the period's
 * end is scheduled and withdrawn, and each change is recorded once however often Stripe reports it. Every test holds
 * the balance to the event store's ledger.
 */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedPlanChangesTest {

    static final StripeStandIn STRIPE = new StripeStandIn();

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedTestProperties.register(registry, Files.createTempDirectory("mailsift-plan-changes-"));
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
        registry.add("mailsift.billing.sign-up-credits", () -> "0");
        STRIPE.register(registry);
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void anUpgradeTakesEffectAtOnceToppingThePeriodUpOnceWhateverStripesDeliveriesDo() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String subscriptionId = subscribe(user, "monthly-5k");
        assertThat(awaitCredits(user, 5000)).isEqualTo(5000);

        String upgrade = STRIPE.changePrice(subscriptionId, STRIPE.price(12_900, "usd", "month"), true);
        List<String> deliveries = new ArrayList<>();
        for (int copy = 0; copy < 5; copy++) {
            deliveries.add(STRIPE.invoiceEvent("invoice.paid", upgrade));
            deliveries.add(STRIPE.subscriptionEvent("customer.subscription.updated", subscriptionId));
        }
        Collections.shuffle(deliveries, new Random(11));
        deliveries.forEach(event -> assertThat(deliver(event).status()).isEqualTo(200));

        assertThat(awaitCredits(user, 50_000)).isEqualTo(50_000);
        awaitInboxSettled(upgrade);
        awaitInboxSettled(subscriptionId);
        String customer = STRIPE.customersOf(user.userId()).getFirst();
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(customer, "SubscriptionChanged")).singleElement().satisfies(change -> {
            assertThat(change.get("change").asText()).isEqualTo("UPGRADED");
            assertThat(change.get("previousPlanId").asText()).isEqualTo("monthly-5k");
            assertThat(change.get("planId").asText()).isEqualTo("monthly-50k");
        });
        assertThat(ledger.events(user.userId(), "CreditsGranted"))
                .extracting(grant -> grant.get("amount").asLong()).containsExactly(5000L, 45_000L);
        JsonNode subscription = awaitSubscription(user, view -> view.get("plan_id").asText().equals("monthly-50k"));
        assertThat(subscription.get("credits_per_period").asLong()).isEqualTo(50_000);
        assertThat(subscription.get("periods_paid").asLong()).isEqualTo(1);
        String admin = api.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
        JsonNode audited = api.get("/api/v1/audit/users/" + user.userId() + "/state", admin).json();
        assertThat(audited.get("subscription").get("plan_id").asText()).isEqualTo("monthly-50k");

        String next = STRIPE.renew(subscriptionId);
        deliver(STRIPE.invoiceEvent("invoice.paid", next));
        assertThat(awaitCredits(user, 100_000)).isEqualTo(100_000);
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(100_000);
    }

    @Test
    void aDowngradeKeepsThisPeriodsCreditsAndGrantsTheLowerPlanFromTheNextPeriod() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String subscriptionId = subscribe(user, "monthly-50k");
        assertThat(awaitCredits(user, 50_000)).isEqualTo(50_000);

        STRIPE.changePrice(subscriptionId, STRIPE.price(1900, "usd", "month"), false);
        for (int copy = 0; copy < 3; copy++) {
            deliver(STRIPE.subscriptionEvent("customer.subscription.updated", subscriptionId));
        }
        awaitInboxSettled(subscriptionId);
        JsonNode subscription = awaitSubscription(user, view -> view.get("plan_id").asText().equals("monthly-5k"));
        assertThat(subscription.get("credits_per_period").asLong()).isEqualTo(5000);
        assertThat(account(user).get("credits_available").asLong()).isEqualTo(50_000);

        String next = STRIPE.renew(subscriptionId);
        deliver(STRIPE.invoiceEvent("invoice.paid", next));
        assertThat(awaitCredits(user, 55_000)).isEqualTo(55_000);
        String customer = STRIPE.customersOf(user.userId()).getFirst();
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(customer, "SubscriptionChanged"))
                .extracting(change -> change.get("change").asText()).containsExactly("DOWNGRADED");
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(55_000);
    }

    @Test
    void aCancellationAtThePeriodsEndIsScheduledWithdrawnAndTheEndRecordedOnceKeepingThePaidCredits()
            throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String subscriptionId = subscribe(user, "monthly-5k");
        assertThat(awaitCredits(user, 5000)).isEqualTo(5000);

        STRIPE.cancelAtPeriodEnd(subscriptionId, true);
        deliver(STRIPE.subscriptionEvent("customer.subscription.updated", subscriptionId));
        deliver(STRIPE.subscriptionEvent("customer.subscription.updated", subscriptionId));
        awaitInboxSettled(subscriptionId);
        JsonNode scheduled = awaitSubscription(user, view -> !view.path("cancel_at").isNull());
        assertThat(Instant.parse(scheduled.get("cancel_at").asText()))
                .isEqualTo(Instant.parse(scheduled.get("period_end").asText()));
        assertThat(scheduled.get("status").asText()).isEqualTo("active");

        STRIPE.cancelAtPeriodEnd(subscriptionId, false);
        deliver(STRIPE.subscriptionEvent("customer.subscription.updated", subscriptionId));
        awaitSubscription(user, view -> view.path("cancel_at").isNull());

        STRIPE.cancel(subscriptionId);
        deliver(STRIPE.subscriptionEvent("customer.subscription.updated", subscriptionId));
        deliver(STRIPE.subscriptionEvent("customer.subscription.deleted", subscriptionId));
        awaitSubscription(user, view -> view.get("status").asText().equals("canceled"));
        awaitInboxSettled(subscriptionId);

        String customer = STRIPE.customersOf(user.userId()).getFirst();
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(customer, "SubscriptionChanged")).extracting(change -> change.get("change").asText())
                .containsExactly("CANCELLATION_SCHEDULED", "CANCELLATION_WITHDRAWN");
        assertThat(ledger.events(customer, "SubscriptionCanceled")).hasSize(1);
        assertThat(account(user).get("credits_available").asLong()).isEqualTo(5000);
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(5000);
    }

    /** Checkout for {@code plan}, paid, reported by the checkout's event; the subscription's id. */
    private String subscribe(Session user, String plan) {
        Reply opened = api.post("/api/v1/billing/checkout", user.token(), Map.of("plan", plan));
        assertThat(opened.status()).isEqualTo(201);
        String sessionId = opened.json().get("id").asText();
        STRIPE.pay(sessionId);
        deliver(STRIPE.event("checkout.session.completed", sessionId));
        return STRIPE.invoiceOf(sessionId).at("/parent/subscription_details/subscription").asText();
    }

    private Reply deliver(String event) {
        return api.send("POST", "/api/v1/billing/stripe-webhook", null,
                Map.of("Content-Type", "application/json; charset=utf-8",
                        "Stripe-Signature", StripeStandIn.signature(event, StripeStandIn.WEBHOOK_SECRET, 0)),
                event);
    }

    private JsonNode awaitSubscription(Session user, java.util.function.Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/billing/subscription", user.token()),
                reply -> reply.status() == 200 && until.test(reply.json())).json();
    }

    /** Until no delivery naming {@code stripeObjectId} waits to be handled. */
    private void awaitInboxSettled(String stripeObjectId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM stripe_event_inbox WHERE state = 'RECEIVED' AND payload LIKE ?", Long.class,
                "%\"" + stripeObjectId + "\"%") == 0);
    }

    private JsonNode account(Session user) {
        return api.get("/api/v1/account", user.token()).json();
    }

    private long awaitCredits(Session user, long expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        long available = account(user).get("credits_available").asLong();
        while (available != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            available = account(user).get("credits_available").asLong();
        }
        return available;
    }
}
