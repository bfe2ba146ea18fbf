package dev.mailsift.web.billing;

import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service without Stripe configured (as the access contexts run): prices still list, paying answers a clear
 * {@code billing-not-configured} problem, Stripe's endpoint refuses deliveries it cannot verify, and everything a
 * caller reads answers as for any account that never paid.
 */
interface BillingWithoutStripeContract extends AccessContract {

    @Test
    default void withoutStripeThePricesListAndPayingSaysPaymentsAreNotSetUp() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);

        Reply catalogue = api().get("/api/v1/billing/catalogue", null);
        Reply checkout = api().post("/api/v1/billing/checkout", user.token(), Map.of("pack", "starter"));
        Reply portal = api().post("/api/v1/billing/portal", user.token(), Map.of());
        Reply delivery = api().send("POST", "/api/v1/billing/stripe-webhook", null,
                Map.of("Content-Type", "application/json", "Stripe-Signature", "t=1,v1=00"), "{\"id\":\"evt_1\"}");

        assertThat(catalogue.status()).isEqualTo(200);
        assertThat(catalogue.json().get("packs")).isNotEmpty();
        for (Reply refused : new Reply[] {checkout, portal, delivery}) {
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:mailsift:problem:billing-not-configured");
        }
        assertThat(checkout.json().get("detail").asText()).contains("MAILSIFT_STRIPE_SECRET_KEY");
        assertThat(delivery.json().get("detail").asText()).contains("MAILSIFT_STRIPE_WEBHOOK_SECRET");
        assertThat(api().get("/api/v1/billing/checkout/cs_test_1", user.token()).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/billing/subscription", user.token()).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/billing/invoices", user.token()).json().get("invoices")).isEmpty();
        assertThat(api().get("/api/v1/billing/ledger", user.token()).json().get("total").asLong()).isZero();
        Reply sweep = api().post("/api/v1/admin/billing/reconcile",
                api().signIn(dev.mailsift.web.support.TestAccounts.ADMIN_EMAIL,
                        dev.mailsift.web.support.TestAccounts.ADMIN_PASSWORD), Map.of());
        assertThat(sweep.status()).isEqualTo(503);
        assertThat(sweep.json().get("type").asText()).isEqualTo("urn:mailsift:problem:billing-not-configured");
    }
}
