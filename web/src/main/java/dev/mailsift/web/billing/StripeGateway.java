package dev.mailsift.web.billing;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Invoice;
import com.stripe.model.InvoicePayment;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.checkout.SessionListParams;
import com.stripe.param.checkout.SessionCreateParams;
import dev.mailsift.web.billing.BillingProperties.CreditPack;
import dev.mailsift.web.billing.BillingProperties.SubscriptionPlan;
import dev.mailsift.web.platform.problem.ResourceNotFoundException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The Stripe calls billing makes, through stripe-java's {@link StripeClient}. Without a secret key every call
 * answers {@link BillingNotConfiguredException}; a Stripe failure answers {@link PaymentProviderException}.
 */
@Component
class StripeGateway {

    private final BillingProperties properties;
    private final StripeClient client;

    StripeGateway(BillingProperties properties) {
        this.properties = properties;
        this.client = properties.stripe().configured() ? clientFor(properties.stripe()) : null;
    }

    private static StripeClient clientFor(BillingProperties.Stripe stripe) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                                                               .setApiKey(stripe.secretKey())
                                                               .setConnectTimeout(10_000)
                                                               .setReadTimeout(30_000)
                                                               .setMaxNetworkRetries(2);
        if (stripe.apiBase() != null && !stripe.apiBase().isBlank()) {
            builder.setApiBase(stripe.apiBase());
        }
        return builder.build();
    }

    /**
     * A new customer for the account. The idempotency key is the account's: two checkouts opened at once, or a
     * retry, get the same customer from Stripe (for the 24 hours Stripe keeps keys).
     */
    String createCustomer(String userId, String email) {
        CustomerCreateParams params = CustomerCreateParams.builder()
                                                          .setEmail(email)
                                                          .putMetadata("user_id", userId)
                                                          .build();
        return call(() -> client().v1().customers()
                                  .create(params, idempotent("mailsift-customer-" + userId)).getId());
    }

    /**
     * A Checkout Session paying for {@code pack} once ({@code mode=payment}, with an invoice for the customer's
     * records). The account and the pack travel in the session's metadata, so the payment can be fulfilled from
     * Stripe's own record of it, whichever way it is reported.
     */
    Session createPackCheckout(String customerId, String userId, CreditPack pack, String idempotencyKey) {
        String publicUrl = publicUrl();
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setCustomer(customerId)
                .setClientReferenceId(userId)
                .putMetadata(CheckoutMetadata.USER_ID, userId)
                .putMetadata(CheckoutMetadata.PACK_ID, pack.id())
                .putMetadata(CheckoutMetadata.CREDITS, Long.toString(pack.credits()))
                .setInvoiceCreation(SessionCreateParams.InvoiceCreation.builder().setEnabled(true).build())
                .addLineItem(lineItem(pack))
                .setSuccessUrl(publicUrl + "/billing?checkout={CHECKOUT_SESSION_ID}")
                .setCancelUrl(publicUrl + "/billing?checkout=cancelled")
                .build();
        return call(() -> client().v1().checkout().sessions().create(params, idempotent(idempotencyKey)));
    }

    /**
     * A Checkout Session subscribing to {@code plan} ({@code mode=subscription}). The account and the plan (its
     * credits and whether they roll over, as sold) go into the subscription's metadata too: Stripe copies it onto
     * every invoice, so each paid period can be granted from the invoice alone, even when it arrives before the
     * checkout's own event.
     */
    Session createPlanCheckout(String customerId, String userId, SubscriptionPlan plan, String idempotencyKey) {
        SessionCreateParams.SubscriptionData.Builder subscription = SessionCreateParams.SubscriptionData.builder()
                .putMetadata(CheckoutMetadata.USER_ID, userId)
                .putMetadata(CheckoutMetadata.PLAN_ID, plan.id())
                .putMetadata(CheckoutMetadata.CREDITS, Long.toString(plan.creditsPerPeriod()))
                .putMetadata(CheckoutMetadata.ROLLOVER, Boolean.toString(plan.rollover()));
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId)
                .setClientReferenceId(userId)
                .putMetadata(CheckoutMetadata.USER_ID, userId)
                .putMetadata(CheckoutMetadata.PLAN_ID, plan.id())
                .putMetadata(CheckoutMetadata.CREDITS, Long.toString(plan.creditsPerPeriod()))
                .setSubscriptionData(subscription.build())
                .addLineItem(lineItem(plan))
                .setSuccessUrl(publicUrl() + "/billing?checkout={CHECKOUT_SESSION_ID}")
                .setCancelUrl(publicUrl() + "/billing?checkout=cancelled")
                .build();
        return call(() -> client().v1().checkout().sessions().create(params, idempotent(idempotencyKey)));
    }

    /** The customer's latest invoices, newest first (Stripe's order), at most {@code limit}. */
    List<Invoice> invoicesOf(String customerId, long limit) {
        InvoiceListParams params = InvoiceListParams.builder().setCustomer(customerId).setLimit(limit).build();
        return call(() -> client().v1().invoices().list(params).getData());
    }

    /** Stripe's current record of a subscription. */
    Subscription subscription(String subscriptionId) {
        return call(() -> client().v1().subscriptions().retrieve(subscriptionId));
    }

    /** Checkout Sessions completed since {@code since}, newest first, at most {@code max}. */
    List<Session> completedCheckoutsSince(java.time.Instant since, int max) {
        return pages(max, startingAfter -> {
            SessionListParams.Builder params = SessionListParams.builder()
                    .setCreated(SessionListParams.Created.builder().setGte(since.getEpochSecond()).build())
                    .setStatus(SessionListParams.Status.COMPLETE).setLimit(100L);
            if (startingAfter != null) {
                params.setStartingAfter(startingAfter);
            }
            return client().v1().checkout().sessions().list(params.build());
        });
    }

    /** Invoices paid since {@code since} (by when they were made), newest first, at most {@code max}. */
    List<Invoice> paidInvoicesSince(java.time.Instant since, int max) {
        return pages(max, startingAfter -> {
            InvoiceListParams.Builder params = InvoiceListParams.builder()
                    .setCreated(InvoiceListParams.Created.builder().setGte(since.getEpochSecond()).build())
                    .setStatus(InvoiceListParams.Status.PAID).setLimit(100L);
            if (startingAfter != null) {
                params.setStartingAfter(startingAfter);
            }
            return client().v1().invoices().list(params.build());
        });
    }

    /** Events since {@code since} that Stripe has not delivered to any endpoint yet, at most {@code max}. */
    List<com.stripe.model.Event> undeliveredEventsSince(java.time.Instant since, int max) {
        return pages(max, startingAfter -> {
            com.stripe.param.EventListParams.Builder params = com.stripe.param.EventListParams.builder()
                    .setCreated(com.stripe.param.EventListParams.Created.builder().setGte(since.getEpochSecond())
                                                                        .build())
                    .setDeliverySuccess(false).setLimit(100L);
            if (startingAfter != null) {
                params.setStartingAfter(startingAfter);
            }
            return client().v1().events().list(params.build());
        });
    }

    private interface Page<T extends com.stripe.model.HasId> {
        com.stripe.model.StripeCollection<T> after(String startingAfter) throws StripeException;
    }

    /** Stripe's pages of a list, followed until it has no more or {@code max} items are read. */
    private static <T extends com.stripe.model.HasId> List<T> pages(int max, Page<T> page) {
        return call(() -> {
            List<T> all = new java.util.ArrayList<>();
            String after = null;
            while (all.size() < max) {
                com.stripe.model.StripeCollection<T> next = page.after(after);
                all.addAll(next.getData());
                if (!Boolean.TRUE.equals(next.getHasMore()) || next.getData().isEmpty()) {
                    break;
                }
                after = next.getData().getLast().getId();
            }
            return all.size() > max ? List.copyOf(all.subList(0, max)) : all;
        });
    }

    /** Stripe's record of a price (its amount and interval). */
    com.stripe.model.Price price(String priceId) {
        return call(() -> client().v1().prices().retrieve(priceId));
    }

    /** Stripe's current record of an invoice. */
    Invoice invoice(String invoiceId) {
        return call(() -> client().v1().invoices().retrieve(invoiceId));
    }

    /** Stripe's current record of a charge (its refunded amount so far included). */
    Charge charge(String chargeId) {
        return call(() -> client().v1().charges().retrieve(chargeId));
    }

    /** Stripe's current record of a dispute (its status decides). */
    Dispute dispute(String disputeId) {
        return call(() -> client().v1().disputes().retrieve(disputeId));
    }

    /** The Checkout Session a payment intent paid for (a pack's), if any. */
    Optional<Session> checkoutPaidBy(String paymentIntentId) {
        SessionListParams params = SessionListParams.builder().setPaymentIntent(paymentIntentId).setLimit(1L).build();
        return call(() -> client().v1().checkout().sessions().list(params).getData().stream().findFirst());
    }

    /**
     * The invoice a payment intent paid (a subscription period's), if any: charges no longer name their invoice,
     * the invoice's payments name the payment intent.
     */
    Optional<Invoice> invoicePaidBy(String paymentIntentId) {
        InvoicePaymentListParams params = InvoicePaymentListParams.builder()
                .setPayment(InvoicePaymentListParams.Payment.builder()
                        .setType(InvoicePaymentListParams.Payment.Type.PAYMENT_INTENT)
                        .setPaymentIntent(paymentIntentId).build())
                .setLimit(1L)
                .build();
        Optional<String> invoiceId = call(() -> client().v1().invoicePayments().list(params).getData().stream()
                                                        .map(InvoicePayment::getInvoice).findFirst());
        return invoiceId.map(this::invoice);
    }

    /** A Billing Portal session where the customer changes their card, sees invoices, or cancels; its address. */
    String portalSession(String customerId) {
        com.stripe.param.billingportal.SessionCreateParams params =
                com.stripe.param.billingportal.SessionCreateParams.builder()
                                                                  .setCustomer(customerId)
                                                                  .setReturnUrl(publicUrl() + "/billing")
                                                                  .build();
        return call(() -> client().v1().billingPortal().sessions().create(params).getUrl());
    }

    /**
     * Stripe's current record of a Checkout Session (never the copy inside an event, which may be stale); an id
     * Stripe does not know is a {@link ResourceNotFoundException}.
     */
    Session checkoutSession(String checkoutSessionId) {
        return call(() -> {
            try {
                return client().v1().checkout().sessions().retrieve(checkoutSessionId);
            } catch (InvalidRequestException e) {
                if (e.getStatusCode() != null && e.getStatusCode() == 404) {
                    throw new ResourceNotFoundException("No such checkout.");
                }
                throw e;
            }
        });
    }

    private static SessionCreateParams.LineItem lineItem(SubscriptionPlan plan) {
        SessionCreateParams.LineItem.Builder item = SessionCreateParams.LineItem.builder().setQuantity(1L);
        if (plan.stripePriceId() != null && !plan.stripePriceId().isBlank()) {
            return item.setPrice(plan.stripePriceId()).build();
        }
        return item.setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                .setCurrency(plan.currency())
                .setUnitAmount(plan.amount())
                .setRecurring(SessionCreateParams.LineItem.PriceData.Recurring.builder()
                        .setInterval("year".equals(plan.interval())
                                ? SessionCreateParams.LineItem.PriceData.Recurring.Interval.YEAR
                                : SessionCreateParams.LineItem.PriceData.Recurring.Interval.MONTH)
                        .build())
                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                        .setName(String.format("%,d MailSift credits a %s", plan.creditsPerPeriod(), plan.interval()))
                        .build())
                .build()).build();
    }

    private static SessionCreateParams.LineItem lineItem(CreditPack pack) {
        SessionCreateParams.LineItem.Builder item = SessionCreateParams.LineItem.builder().setQuantity(1L);
        if (pack.stripePriceId() != null && !pack.stripePriceId().isBlank()) {
            return item.setPrice(pack.stripePriceId()).build();
        }
        return item.setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                .setCurrency(pack.currency())
                .setUnitAmount(pack.amount())
                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                        .setName(String.format("%,d MailSift credits", pack.credits()))
                        .build())
                .build()).build();
    }

    /** Whether Stripe can be called at all (a secret key is configured). */
    boolean configured() {
        return client != null;
    }

    private String publicUrl() {
        return properties.publicUrl().replaceAll("/+$", "");
    }

    private StripeClient client() {
        if (client == null) {
            throw new BillingNotConfiguredException("MAILSIFT_STRIPE_SECRET_KEY");
        }
        return client;
    }

    private static RequestOptions idempotent(String key) {
        RequestOptions.RequestOptionsBuilder options = RequestOptions.builder();
        if (key != null) {
            options.setIdempotencyKey(key);
        }
        return options.build();
    }

    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    private static <T> T call(StripeCall<T> call) {
        try {
            return call.run();
        } catch (StripeException e) {
            throw new PaymentProviderException(e);
        }
    }
}
