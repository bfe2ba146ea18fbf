package dev.mailsift.web.billing;

import com.stripe.model.checkout.Session;
import dev.mailsift.api.billing.CreateBillingCustomer;
import dev.mailsift.api.billing.RecordCheckoutStarted;
import dev.mailsift.api.user.FindUserStatus;
import dev.mailsift.api.user.UserStatus;
import dev.mailsift.command.billing.BillingCustomers;
import dev.mailsift.web.billing.BillingProperties.CreditPack;
import dev.mailsift.web.billing.BillingProperties.SubscriptionPlan;
import dev.mailsift.web.platform.idempotency.IdempotencyKeys;
import dev.mailsift.web.platform.problem.ResourceNotFoundException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;


/** Opening a checkout for a pack or a plan, or the customer portal, and reading a checkout back for its owner. */
@Component
class PackCheckouts {

    private final BillingProperties properties;
    private final StripeGateway stripe;
    private final BillingCustomers customers;
    private final CheckoutFulfilment fulfilment;
    private final CommandGateway commands;
    private final QueryGateway queries;

    PackCheckouts(BillingProperties properties, StripeGateway stripe, BillingCustomers customers,
                  CheckoutFulfilment fulfilment, CommandGateway commands, QueryGateway queries) {
        this.properties = properties;
        this.stripe = stripe;
        this.customers = customers;
        this.fulfilment = fulfilment;
        this.commands = commands;
        this.queries = queries;
    }

    /**
     * A Stripe Checkout Session for the pack, for the account's one Stripe customer. With an idempotency key, a
     * retried request gets the same session from Stripe.
     */
    Session openPack(String userId, String packId, String idempotencyKey) {
        CreditPack pack = properties.pack(packId)
                                    .orElseThrow(() -> new CheckoutRefusedException("pack: no pack '" + packId
                                            + "' is for sale (GET /api/v1/billing/catalogue lists them)."));
        String customerId = customers.customerOf(userId).orElseGet(() -> newCustomer(userId));
        Session session = stripe.createPackCheckout(customerId, userId, pack, stripeKey(userId, idempotencyKey));
        ConflictRetry.send(() -> commands.sendAndWait(new RecordCheckoutStarted(customerId, userId, session.getId(),
                pack.id(), pack.credits(), pack.amount(), pack.currency())));
        return session;
    }

    /**
     * A Stripe Checkout Session subscribing the account to the plan. Its credits come with each paid invoice
     * ({@code invoice.paid}), the first one included.
     */
    Session openPlan(String userId, String planId, String idempotencyKey) {
        SubscriptionPlan plan = properties.plan(planId)
                                          .orElseThrow(() -> new CheckoutRefusedException("plan: no plan '" + planId
                                                  + "' is for sale (GET /api/v1/billing/catalogue lists them)."));
        String customerId = customers.customerOf(userId).orElseGet(() -> newCustomer(userId));
        return stripe.createPlanCheckout(customerId, userId, plan, stripeKey(userId, idempotencyKey));
    }

    private static String stripeKey(String userId, String idempotencyKey) {
        return idempotencyKey == null || idempotencyKey.isBlank() ? null
                : "mailsift-checkout-" + IdempotencyKeys.idFor(idempotencyKey, userId, "checkout");
    }

    /** The account's Billing Portal address (its Stripe customer is made first if it has none yet). */
    String portal(String userId) {
        return stripe.portalSession(customers.customerOf(userId).orElseGet(() -> newCustomer(userId)));
    }

    /**
     * The owner's checkout as Stripe has it now; a paid one is fulfilled on the way (the success page calls this),
     * exactly as a webhook delivery would.
     */
    CheckoutView read(String userId, String checkoutSessionId) {
        if (!stripe.configured()) {
            throw new ResourceNotFoundException("No such checkout."); // without Stripe, no checkout was ever opened
        }
        Session session = stripe.checkoutSession(checkoutSessionId);
        if (CheckoutMetadata.of(session).filter(metadata -> metadata.userId().equals(userId)).isEmpty()) {
            throw new ResourceNotFoundException("No such checkout.");
        }
        CheckoutFulfilment.Outcome outcome = fulfilment.fulfil(session);
        return CheckoutView.of(session, outcome);
    }

    /**
     * Makes the account's Stripe customer and remembers it. Two requests racing here get the same customer from
     * Stripe (the key is the account's); if one of them still loses the claim, the winner's customer is used.
     */
    private String newCustomer(String userId) {
        String email = queries.query(new FindUserStatus(userId), ResponseTypes.instanceOf(UserStatus.class)).join()
                              .email();
        String customerId = stripe.createCustomer(userId, email);
        try {
            commands.sendAndWait(new CreateBillingCustomer(customerId, userId));
            return customerId;
        } catch (RuntimeException lostTheClaim) {
            return customers.customerOf(userId).orElseThrow(() -> lostTheClaim);
        }
    }
}
