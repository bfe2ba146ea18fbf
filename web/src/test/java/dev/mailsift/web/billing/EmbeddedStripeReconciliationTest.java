package dev.mailsift.web.billing;

import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.EventLedger;
import dev.mailsift.web.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

import static dev.mailsift.web.billing.BillingTestClient.eventId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciliation sweep on the embedded default, against the Stripe stand-in: payments whose deliveries never
 * arrive are fulfilled once by the sweep, a delivery that arrives late afterwards changes nothing, and an event Stripe
 * failed to deliver is recorded in the inbox and handled as a delivery would have been. Every test holds the balance
 * to the event store's ledger.
 */
class EmbeddedStripeReconciliationTest extends EmbeddedBillingNode {

    static final StripeStandIn STRIPE = new StripeStandIn();

    @Autowired
    StripeReconciliation reconciliation;

    EmbeddedStripeReconciliationTest() {
        super(STRIPE);
    }

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        BillingTestClient.registerEmbedded(registry, "mailsift-reconciliation-", STRIPE);
        registry.add("mailsift.billing.sign-up-credits", () -> "0");
        registry.add("mailsift.billing.reconciliation.enabled", () -> "true");
        registry.add("mailsift.billing.reconciliation.interval", () -> "PT1S");
    }

    @Test
    void aPaidPackWhoseDeliveryNeverArrivesIsGrantedOnceByTheSweepAndTheLateDeliveryChangesNothing()
            throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String sessionId = billing.checkout(user, "starter").json().get("id").asText();
        STRIPE.pay(sessionId); // no delivery, and the customer never returns to the success page

        assertThat(billing.awaitCredits(user, 1000)).isEqualTo(1000);
        assertThat(reconciliation.sweep().recorded()).isZero();
        String late = STRIPE.event("checkout.session.completed", sessionId);
        assertThat(billing.deliver(late).status()).isEqualTo(200);
        assertThat(billing.awaitInboxState(eventId(late))).isEqualTo("HANDLED");

        String customer = STRIPE.customersOf(user.userId()).getFirst();
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(customer, "PackPurchased")).hasSize(1);
        assertThat(ledger.events(user.userId(), "CreditsGranted")).singleElement()
                .satisfies(grant -> assertThat(grant.get("grantId").asText()).isEqualTo("checkout/" + sessionId));
        assertThat(billing.credits(user)).isEqualTo(1000);
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(1000);
    }

    @Test
    void aRenewalWhoseDeliveryNeverArrivesAndARefundStripeFailedToDeliverAreFulfilledByTheSweep() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String sessionId = billing.paidCheckout(user, "plan", "monthly-5k");
        assertThat(billing.awaitCredits(user, 5000)).isEqualTo(5000);
        String subscriptionId = STRIPE.subscriptionOf(sessionId);

        String renewal = STRIPE.renew(subscriptionId); // its invoice.paid never arrives
        assertThat(billing.awaitCredits(user, 10_000)).isEqualTo(10_000);

        String charge = STRIPE.chargeOfInvoice(renewal);
        STRIPE.refund(charge, 1900);
        String refunded = STRIPE.chargeEvent("charge.refunded", charge);
        STRIPE.deliveryFailed(refunded);
        assertThat(billing.awaitCredits(user, 5000)).isEqualTo(5000);
        assertThat(billing.awaitInboxState(eventId(refunded))).isEqualTo("HANDLED");

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
        String sessionId = billing.checkout(user, "starter").json().get("id").asText();
        STRIPE.pay(sessionId);
        String admin = api.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);

        Reply sweep = api.post("/api/v1/admin/billing/reconcile", admin, Map.of());

        assertThat(sweep.status()).isEqualTo(200);
        assertThat(sweep.json().get("checkouts").asLong()).isPositive();
        assertThat(billing.awaitCredits(user, 1000)).isEqualTo(1000); // this sweep's or the scheduled one's, once
        Reply again = api.post("/api/v1/admin/billing/reconcile", admin, Map.of());
        assertThat(again.json().get("recorded").asLong()).isZero();
        assertThat(api.post("/api/v1/admin/billing/reconcile", user.token(), Map.of()).status()).isEqualTo(403);
        assertThat(new EventLedger(dataSource).assertBalanced(user.userId())).isEqualTo(1000);
    }
}
