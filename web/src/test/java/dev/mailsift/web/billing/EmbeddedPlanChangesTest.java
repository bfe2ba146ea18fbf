package dev.mailsift.web.billing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.EventLedger;
import dev.mailsift.web.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plan changes over HTTP on the embedded default, driven by signed Stripe deliveries through the stand-in: an upgrade
 * takes effect at once with its invoice's top-up, a downgrade from the next period, a cancellation at the period's
 * end is scheduled and withdrawn, and each change is recorded once however often Stripe reports it. Every test holds
 * the balance to the event store's ledger.
 */
class EmbeddedPlanChangesTest extends EmbeddedBillingNode {

    static final StripeStandIn STRIPE = new StripeStandIn();

    EmbeddedPlanChangesTest() {
        super(STRIPE);
    }

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        BillingTestClient.registerEmbedded(registry, "mailsift-plan-changes-", STRIPE);
        registry.add("mailsift.billing.sign-up-credits", () -> "0");
    }

    @Test
    void anUpgradeTakesEffectAtOnceToppingThePeriodUpOnceWhateverStripesDeliveriesDo() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String subscriptionId = billing.subscribe(user, "monthly-5k");
        assertThat(billing.awaitCredits(user, 5000)).isEqualTo(5000);

        String upgrade = STRIPE.changePrice(subscriptionId, STRIPE.price(12_900, "usd", "month"), true);
        List<String> deliveries = new ArrayList<>();
        for (int copy = 0; copy < 5; copy++) {
            deliveries.add(STRIPE.invoiceEvent("invoice.paid", upgrade));
            deliveries.add(STRIPE.subscriptionEvent("customer.subscription.updated", subscriptionId));
        }
        Collections.shuffle(deliveries, new Random(11));
        deliveries.forEach(event -> assertThat(billing.deliver(event).status()).isEqualTo(200));

        assertThat(billing.awaitCredits(user, 50_000)).isEqualTo(50_000);
        billing.awaitInboxSettled(upgrade);
        billing.awaitInboxSettled(subscriptionId);
        String customer = STRIPE.customersOf(user.userId()).getFirst();
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(customer, "SubscriptionChanged")).singleElement().satisfies(change -> {
            assertThat(change.get("change").asText()).isEqualTo("UPGRADED");
            assertThat(change.get("previousPlanId").asText()).isEqualTo("monthly-5k");
            assertThat(change.get("planId").asText()).isEqualTo("monthly-50k");
        });
        assertThat(ledger.events(user.userId(), "CreditsGranted"))
                .extracting(grant -> grant.get("amount").asLong()).containsExactly(5000L, 45_000L);
        JsonNode subscription =
                billing.awaitSubscription(user, view -> view.get("plan_id").asText().equals("monthly-50k"));
        assertThat(subscription.get("credits_per_period").asLong()).isEqualTo(50_000);
        assertThat(subscription.get("periods_paid").asLong()).isEqualTo(1);
        String admin = api.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
        JsonNode audited = api.get("/api/v1/audit/users/" + user.userId() + "/state", admin).json();
        assertThat(audited.get("subscription").get("plan_id").asText()).isEqualTo("monthly-50k");

        String next = STRIPE.renew(subscriptionId);
        billing.deliver(STRIPE.invoiceEvent("invoice.paid", next));
        assertThat(billing.awaitCredits(user, 100_000)).isEqualTo(100_000);
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(100_000);
    }

    @Test
    void aDowngradeKeepsThisPeriodsCreditsAndGrantsTheLowerPlanFromTheNextPeriod() throws Exception {
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String subscriptionId = billing.subscribe(user, "monthly-50k");
        assertThat(billing.awaitCredits(user, 50_000)).isEqualTo(50_000);

        STRIPE.changePrice(subscriptionId, STRIPE.price(1900, "usd", "month"), false);
        for (int copy = 0; copy < 3; copy++) {
            billing.deliver(STRIPE.subscriptionEvent("customer.subscription.updated", subscriptionId));
        }
        billing.awaitInboxSettled(subscriptionId);
        JsonNode subscription =
                billing.awaitSubscription(user, view -> view.get("plan_id").asText().equals("monthly-5k"));
        assertThat(subscription.get("credits_per_period").asLong()).isEqualTo(5000);
        assertThat(billing.credits(user)).isEqualTo(50_000);

        String next = STRIPE.renew(subscriptionId);
        billing.deliver(STRIPE.invoiceEvent("invoice.paid", next));
        assertThat(billing.awaitCredits(user, 55_000)).isEqualTo(55_000);
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
        String subscriptionId = billing.subscribe(user, "monthly-5k");
        assertThat(billing.awaitCredits(user, 5000)).isEqualTo(5000);

        STRIPE.cancelAtPeriodEnd(subscriptionId, true);
        billing.deliver(STRIPE.subscriptionEvent("customer.subscription.updated", subscriptionId));
        billing.deliver(STRIPE.subscriptionEvent("customer.subscription.updated", subscriptionId));
        billing.awaitInboxSettled(subscriptionId);
        JsonNode scheduled = billing.awaitSubscription(user, view -> !view.path("cancel_at").isNull());
        assertThat(Instant.parse(scheduled.get("cancel_at").asText()))
                .isEqualTo(Instant.parse(scheduled.get("period_end").asText()));
        assertThat(scheduled.get("status").asText()).isEqualTo("active");

        STRIPE.cancelAtPeriodEnd(subscriptionId, false);
        billing.deliver(STRIPE.subscriptionEvent("customer.subscription.updated", subscriptionId));
        billing.awaitSubscription(user, view -> view.path("cancel_at").isNull());

        STRIPE.cancel(subscriptionId);
        billing.deliver(STRIPE.subscriptionEvent("customer.subscription.updated", subscriptionId));
        billing.deliver(STRIPE.subscriptionEvent("customer.subscription.deleted", subscriptionId));
        billing.awaitSubscription(user, view -> view.get("status").asText().equals("canceled"));
        billing.awaitInboxSettled(subscriptionId);

        String customer = STRIPE.customersOf(user.userId()).getFirst();
        EventLedger ledger = new EventLedger(dataSource);
        assertThat(ledger.events(customer, "SubscriptionChanged")).extracting(change -> change.get("change").asText())
                .containsExactly("CANCELLATION_SCHEDULED", "CANCELLATION_WITHDRAWN");
        assertThat(ledger.events(customer, "SubscriptionCanceled")).hasSize(1);
        assertThat(billing.credits(user)).isEqualTo(5000);
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(5000);
    }
}
