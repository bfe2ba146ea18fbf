package dev.mailsift.web.billing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.EventLedger;
import dev.mailsift.web.support.RealServices;
import dev.mailsift.web.support.TestAccounts;
import dev.mailsift.web.support.TestNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one PostgreSQL database and RabbitMQ, as a deployment runs them behind a load balancer: Stripe's
 * deliveries of one paid checkout arrive at both, many times, at once and shuffled, while the customer also returns
 * to the success page. The account gets the pack's credits once, and the event store's ledger agrees; the pack's
 * refund, delivered the same way, takes them back once. A plan's upgrade delivered the same way tops its period up
 * once, and a renewal whose delivery never comes is granted once by both nodes' reconciliation sweeps.
 */
@Tag("real-services")
class TwoNodeBillingTest {

    private final StripeStandIn stripe = new StripeStandIn();
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.reversed().forEach(ConfigurableApplicationContext::close);
        stripe.close();
    }

    @Test
    void deliveriesToTwoNodesAtOnceGrantAPaidPackOnceAndTakeItsRefundBackOnce() throws Exception {
        String database = RealServices.freshDatabase();
        String queue = "mailsift.chunks.test-billing-" + UUID.randomUUID();
        ApiClient first = new ApiClient(TestNodes.port(start(database, queue)));
        ApiClient second = new ApiClient(TestNodes.port(start(database, queue)));

        Session user = first.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        // checkouts on both nodes at once: one Stripe customer for the account all the same
        String sessionId;
        try (ExecutorService both = Executors.newFixedThreadPool(2)) {
            Future<Reply> onFirst = both.submit(() -> checkout(first, user));
            Future<Reply> onSecond = both.submit(() -> checkout(second, user));
            Reply firstReply = onFirst.get();
            Reply secondReply = onSecond.get();
            assertThat(firstReply.status()).as(firstReply.body()).isEqualTo(201);
            assertThat(secondReply.status()).as(secondReply.body()).isEqualTo(201);
            sessionId = firstReply.json().get("id").asText();
        }
        assertThat(stripe.customersOf(user.userId())).hasSize(1);
        stripe.pay(sessionId);

        List<String> events = List.of(stripe.event("checkout.session.completed", sessionId),
                stripe.event("checkout.session.async_payment_succeeded", sessionId));
        List<Runnable> deliveries = new ArrayList<>();
        for (int copy = 0; copy < 5; copy++) {
            for (String event : events) {
                deliveries.add(() -> assertThat(deliver(first, event).status()).isEqualTo(200));
                deliveries.add(() -> assertThat(deliver(second, event).status()).isEqualTo(200));
            }
        }
        deliveries.add(() -> assertThat(second.get("/api/v1/billing/checkout/" + sessionId, user.token()).status())
                .isEqualTo(200));
        Collections.shuffle(deliveries);
        try (ExecutorService stripeSide = Executors.newFixedThreadPool(6)) {
            List<Future<?>> sent = deliveries.stream().map(stripeSide::submit).toList();
            for (Future<?> delivery : sent) {
                delivery.get();
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(
                () -> first.get("/api/v1/account", user.token()).json().get("credits_available").asLong() == 1000);
        DriverManagerDataSource store = new DriverManagerDataSource(database, RealServices.user(), "");
        JdbcTemplate jdbc = new JdbcTemplate(store);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM stripe_event_inbox WHERE state = 'RECEIVED'", Long.class) == 0);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stripe_event_inbox", Long.class)).isEqualTo(2);
        EventLedger ledger = new EventLedger(store);
        List<JsonNode> grants = ledger.events(user.userId(), "CreditsGranted");
        assertThat(grants).singleElement()
                          .satisfies(grant -> assertThat(grant.get("grantId").asText()).isEqualTo("checkout/" + sessionId));
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(1000);
        assertThat(second.get("/api/v1/account", user.token()).json().get("credits_available").asLong())
                .isEqualTo(1000);

        // the pack is refunded in two parts; each refund's event reaches both nodes five times, shuffled, at once
        String charge = stripe.chargeOf(sessionId);
        stripe.refund(charge, 300);
        String firstRefund = stripe.chargeEvent("charge.refunded", charge);
        stripe.refund(charge, 600);
        String secondRefund = stripe.chargeEvent("charge.refunded", charge);
        List<Runnable> refunds = new ArrayList<>();
        for (int copy = 0; copy < 5; copy++) {
            for (String event : List.of(firstRefund, secondRefund)) {
                refunds.add(() -> assertThat(deliver(first, event).status()).isEqualTo(200));
                refunds.add(() -> assertThat(deliver(second, event).status()).isEqualTo(200));
            }
        }
        Collections.shuffle(refunds);
        try (ExecutorService stripeSide = Executors.newFixedThreadPool(6)) {
            for (Future<?> delivery : refunds.stream().map(stripeSide::submit).toList()) {
                delivery.get();
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM stripe_event_inbox WHERE state <> 'HANDLED'", Long.class) == 0);
        assertThat(ledger.events(user.userId(), "CreditsRevoked").stream()
                         .mapToLong(revoked -> revoked.get("amount").asLong()).sum()).isEqualTo(1000);
        assertThat(ledger.assertBalanced(user.userId())).isZero();
        await().atMost(Duration.ofSeconds(30)).until(
                () -> second.get("/api/v1/account", user.token()).json().get("credits_available").asLong() == 0);
    }

    @Test
    void anUpgradeDeliveredToTwoNodesAtOnceAndARenewalNoDeliveryBringsAreEachGrantedOnce() throws Exception {
        String database = RealServices.freshDatabase();
        String queue = "mailsift.chunks.test-billing-" + UUID.randomUUID();
        ApiClient first = new ApiClient(TestNodes.port(start(database, queue, "PT1S")));
        ApiClient second = new ApiClient(TestNodes.port(start(database, queue, "PT1S")));
        Session user = first.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String sessionId = first.post("/api/v1/billing/checkout", user.token(), Map.of("plan", "monthly-5k")).json()
                                .get("id").asText();
        stripe.pay(sessionId);
        String subscriptionId = stripe.subscriptionOf(sessionId);
        assertThat(deliver(second, stripe.event("checkout.session.completed", sessionId)).status()).isEqualTo(200);
        awaitCredits(first, user, 5000);

        String upgrade = stripe.changePrice(subscriptionId, stripe.price(12_900, "usd", "month"), true);
        List<Runnable> deliveries = new ArrayList<>();
        for (int copy = 0; copy < 5; copy++) {
            for (String event : List.of(stripe.invoiceEvent("invoice.paid", upgrade),
                    stripe.subscriptionEvent("customer.subscription.updated", subscriptionId))) {
                deliveries.add(() -> assertThat(deliver(first, event).status()).isEqualTo(200));
                deliveries.add(() -> assertThat(deliver(second, event).status()).isEqualTo(200));
            }
        }
        Collections.shuffle(deliveries);
        try (ExecutorService stripeSide = Executors.newFixedThreadPool(6)) {
            for (Future<?> delivery : deliveries.stream().map(stripeSide::submit).toList()) {
                delivery.get();
            }
        }
        awaitCredits(second, user, 50_000);
        String renewal = stripe.renew(subscriptionId); // its invoice.paid never arrives; both nodes sweep
        awaitCredits(first, user, 100_000);

        DriverManagerDataSource store = new DriverManagerDataSource(database, RealServices.user(), "");
        JdbcTemplate jdbc = new JdbcTemplate(store);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM stripe_event_inbox WHERE state = 'RECEIVED'", Long.class) == 0);
        EventLedger ledger = new EventLedger(store);
        assertThat(ledger.events(user.userId(), "CreditsGranted"))
                .extracting(grant -> grant.get("grantId").asText(), grant -> grant.get("amount").asLong())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("invoice/" + stripe.invoiceOf(sessionId)
                                .get("id").asText(), 5000L),
                        org.assertj.core.groups.Tuple.tuple("invoice/" + upgrade, 45_000L),
                        org.assertj.core.groups.Tuple.tuple("invoice/" + renewal, 50_000L));
        String customer = stripe.customersOf(user.userId()).getFirst();
        assertThat(ledger.events(customer, "SubscriptionChanged")).hasSize(1);
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(100_000);
        JsonNode subscription = await().atMost(Duration.ofSeconds(30)).until(
                () -> second.get("/api/v1/billing/subscription", user.token()),
                reply -> reply.status() == 200 && reply.json().get("periods_paid").asLong() == 2).json();
        assertThat(subscription.get("plan_id").asText()).isEqualTo("monthly-50k");
        assertThat(subscription.get("cancel_at").isNull()).isTrue();
        JsonNode then = first.get("/api/v1/billing/ledger?as_of=" + java.time.Instant.now().minusSeconds(3600),
                user.token()).json();
        assertThat(then.get("total").asLong()).isZero();
    }

    private static void awaitCredits(ApiClient node, Session user, long credits) {
        await().atMost(Duration.ofSeconds(30)).until(
                () -> node.get("/api/v1/account", user.token()).json().get("credits_available").asLong() == credits);
    }

    private ConfigurableApplicationContext start(String database, String queue) throws Exception {
        return start(database, queue, null);
    }

    private ConfigurableApplicationContext start(String database, String queue, String reconciliationInterval)
            throws Exception {
        Map<String, String> settings = TestNodes.realServicesSettings(
                Files.createTempDirectory("mailsift-billing-node-"), database, queue);
        settings.put("mailsift.billing.stripe.secret-key", StripeStandIn.SECRET_KEY);
        settings.put("mailsift.billing.stripe.webhook-secret", StripeStandIn.WEBHOOK_SECRET);
        settings.put("mailsift.billing.stripe.api-base", stripe.apiBase());
        if (reconciliationInterval != null) {
            settings.put("mailsift.billing.reconciliation.enabled", "true");
            settings.put("mailsift.billing.reconciliation.interval", reconciliationInterval);
        }
        ConfigurableApplicationContext node = TestNodes.start(settings);
        nodes.add(node);
        return node;
    }

    private static Reply checkout(ApiClient node, Session user) {
        return node.post("/api/v1/billing/checkout", user.token(), Map.of("pack", "starter"));
    }

    private static Reply deliver(ApiClient node, String event) {
        return node.send("POST", "/api/v1/billing/stripe-webhook", null, Map.of(
                "Content-Type", "application/json",
                "Stripe-Signature", StripeStandIn.signature(event, StripeStandIn.WEBHOOK_SECRET, 0)), event);
    }
}
