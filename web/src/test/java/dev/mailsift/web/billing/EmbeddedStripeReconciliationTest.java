package dev.mailsift.web.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciliation sweep on the embedded default, against the Stripe stand-in: payments whose deliveries never
 * arrive are fulfilled once by the sweep, a delivery that arrives late afterwards changes nothing, and an event Stripe
 * failed to deliver is recorded in the inbox and handled as a delivery would have been. Every test holds the balance
 * to the event store's ledger.
 */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedStripeReconciliationTest {

    static final StripeStandIn STRIPE = new StripeStandIn();

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StripeReconciliation reconciliation;

    ApiClient api;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedTestProperties.register(registry, Files.createTempDirectory("mailsift-reconciliation-"));
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
        registry.add("mailsift.billing.sign-up-credits", () -> "0");
        STRIPE.register(registry);
        registry.add("mailsift.billing.reconciliation.enabled", () -> "true");
        registry.add("mailsift.billing.reconciliation.interval", () -> "PT1S");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void aPaidPackWhoseDeliveryNeverArrivesIsGrantedOnceByTheSweepAndTheLateDeliveryChangesNothing()
            throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String sessionId = api.post("/api/v1/billing/checkout", user.token(), Map.of("pack", "starter")).json()
                              .get("id").asText();
        STRIPE.pay(sessionId); // no delivery, and the customer never returns to the success page

        assertThat(awaitCredits(user, 1000)).isEqualTo(1000);
        assertThat(reconciliation.sweep().recorded()).isZero();
        String late = STRIPE.event("checkout.session.completed", sessionId);
        assertThat(deliver(late).status()).isEqualTo(200);
        assertThat(awaitInboxState(eventId(late))).isEqualTo("HANDLED");

        String customer = STRIPE.customersOf(user.userId()).getFirst();
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(customer, "PackPurchased")).hasSize(1);
        assertThat(ledger.events(user.userId(), "CreditsGranted")).singleElement()
                .satisfies(grant -> assertThat(grant.get("grantId").asText()).isEqualTo("checkout/" + sessionId));
        assertThat(account(user).get("credits_available").asLong()).isEqualTo(1000);
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(1000);
    }

    @Test
    void aRenewalWhoseDeliveryNeverArrivesAndARefundStripeFailedToDeliverAreFulfilledByTheSweep() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String sessionId = api.post("/api/v1/billing/checkout", user.token(), Map.of("plan", "monthly-5k")).json()
                              .get("id").asText();
        STRIPE.pay(sessionId);
        deliver(STRIPE.event("checkout.session.completed", sessionId));
        assertThat(awaitCredits(user, 5000)).isEqualTo(5000);
        String subscriptionId = STRIPE.invoiceOf(sessionId).at("/parent/subscription_details/subscription").asText();

        String renewal = STRIPE.renew(subscriptionId); // its invoice.paid never arrives
        assertThat(awaitCredits(user, 10_000)).isEqualTo(10_000);

        String charge = STRIPE.chargeOfInvoice(renewal);
        STRIPE.refund(charge, 1900);
        String refunded = STRIPE.chargeEvent("charge.refunded", charge);
        STRIPE.deliveryFailed(refunded);
        assertThat(awaitCredits(user, 5000)).isEqualTo(5000);
        assertThat(awaitInboxState(eventId(refunded))).isEqualTo("HANDLED");

        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(user.userId(), "CreditsGranted")).extracting(grant -> grant.get("grantId").asText())
                .containsExactly("invoice/" + STRIPE.invoiceOf(sessionId).get("id").asText(), "invoice/" + renewal);
        assertThat(ledger.events(user.userId(), "CreditsRevoked")).singleElement()
                .satisfies(revoked -> assertThat(revoked.get("amount").asLong()).isEqualTo(5000));
        assertThat(reconciliation.sweep().recorded()).isZero();
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(5000);
    }

    @Test
    void anOperatorRunsASweepAtOnceAndNobodyElseMay() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String sessionId = api.post("/api/v1/billing/checkout", user.token(), Map.of("pack", "starter")).json()
                              .get("id").asText();
        STRIPE.pay(sessionId);
        String admin = api.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);

        Reply sweep = api.post("/api/v1/admin/billing/reconcile", admin, Map.of());

        assertThat(sweep.status()).isEqualTo(200);
        assertThat(sweep.json().get("checkouts").asLong()).isPositive();
        assertThat(awaitCredits(user, 1000)).isEqualTo(1000); // this sweep's or the scheduled one's, once
        Reply again = api.post("/api/v1/admin/billing/reconcile", admin, Map.of());
        assertThat(again.json().get("recorded").asLong()).isZero();
        assertThat(api.post("/api/v1/admin/billing/reconcile", user.token(), Map.of()).status()).isEqualTo(403);
        assertThat(new EventLedger(dataSource).assertBalanced(user.userId())).isEqualTo(1000);
    }

    private Reply deliver(String event) {
        return api.send("POST", "/api/v1/billing/stripe-webhook", null,
                Map.of("Content-Type", "application/json; charset=utf-8",
                        "Stripe-Signature", StripeStandIn.signature(event, StripeStandIn.WEBHOOK_SECRET, 0)),
                event);
    }

    private static String eventId(String event) throws Exception {
        return new ObjectMapper().readTree(event).get("id").asText();
    }

    private String awaitInboxState(String eventId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "SELECT state FROM stripe_event_inbox WHERE event_id = ?", String.class, eventId),
                states -> states.size() == 1 && !"RECEIVED".equals(states.getFirst())).getFirst();
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
