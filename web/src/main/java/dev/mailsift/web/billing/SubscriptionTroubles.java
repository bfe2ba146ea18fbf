package dev.mailsift.web.billing;

import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import dev.mailsift.api.billing.RecordPaymentFailed;
import dev.mailsift.api.billing.RecordSubscriptionCanceled;
import dev.mailsift.command.billing.BillingCustomers;
import dev.mailsift.web.billing.CheckoutFulfilment.Outcome;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * What Stripe reports when a subscription goes wrong or ends, recorded once each: a failed collection of an invoice
 * ({@code PaymentFailed}, per attempt) and the end of a subscription ({@code SubscriptionCanceled}). Neither takes
 * credits back: what was paid for stays.
 */
@Component
class SubscriptionTroubles {

    private final BillingCustomers customers;
    private final CommandGateway commands;

    SubscriptionTroubles(BillingCustomers customers, CommandGateway commands) {
        this.customers = customers;
        this.commands = commands;
    }

    /** @param invoice Stripe's current record of the invoice, fetched by id */
    Outcome paymentFailed(Invoice invoice) {
        Optional<CheckoutMetadata> plan = CheckoutMetadata.of(invoice);
        if (plan.isEmpty()) {
            return Outcome.NOTHING_TO_GRANT;
        }
        if (!customers.paysFor(invoice.getCustomer(), plan.get().userId())) {
            return Outcome.UNKNOWN_ACCOUNT;
        }
        if ("paid".equals(invoice.getStatus())) {
            return Outcome.ALREADY_RECORDED; // a later attempt succeeded: invoice.paid grants it
        }
        ConflictRetry.send(() -> commands.sendAndWait(new RecordPaymentFailed(invoice.getCustomer(),
                plan.get().userId(), invoice.getParent().getSubscriptionDetails().getSubscription(), invoice.getId(),
                invoice.getAttemptCount() == null ? 1 : invoice.getAttemptCount(),
                invoice.getAmountDue() == null ? 0 : invoice.getAmountDue(), invoice.getCurrency())));
        return Outcome.RECORDED;
    }

    /** @param subscription Stripe's current record of the subscription, fetched by id */
    Outcome canceled(Subscription subscription) {
        Optional<CheckoutMetadata> plan = CheckoutMetadata.of(subscription);
        if (plan.isEmpty() || !customers.paysFor(subscription.getCustomer(), plan.get().userId())) {
            return Outcome.UNKNOWN_ACCOUNT;
        }
        if (!"canceled".equals(subscription.getStatus())) {
            return Outcome.NOT_PAID; // not over (yet): nothing to record
        }
        ConflictRetry.send(() -> commands.sendAndWait(new RecordSubscriptionCanceled(subscription.getCustomer(),
                plan.get().userId(), subscription.getId())));
        return Outcome.RECORDED;
    }
}
