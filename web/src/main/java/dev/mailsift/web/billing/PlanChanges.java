package dev.mailsift.web.billing;

import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import dev.mailsift.api.billing.RecordSubscriptionChange;
import dev.mailsift.command.billing.BillingCustomers;
import dev.mailsift.web.billing.CheckoutFulfilment.Outcome;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * A subscription Stripe reports as created or updated (a plan switched in the Billing Portal, a cancellation at the
 * period's end scheduled or withdrawn): its current terms are recorded on the customer, which records a
 * {@code SubscriptionChanged} when they differ from what it knew. An ended subscription is recorded as ended. Credits
 * are not granted here: they follow the paid invoices.
 */
@Component
class PlanChanges {

    private final BillingCustomers customers;
    private final PlanPrices planPrices;
    private final SubscriptionTroubles troubles;
    private final CommandGateway commands;

    PlanChanges(BillingCustomers customers, PlanPrices planPrices, SubscriptionTroubles troubles,
                CommandGateway commands) {
        this.customers = customers;
        this.planPrices = planPrices;
        this.troubles = troubles;
        this.commands = commands;
    }

    /** @param subscription Stripe's current record of the subscription, fetched by id */
    Outcome updated(Subscription subscription) {
        Optional<CheckoutMetadata> sold = CheckoutMetadata.of(subscription);
        if (sold.isEmpty() || !customers.paysFor(subscription.getCustomer(), sold.get().userId())) {
            return Outcome.UNKNOWN_ACCOUNT;
        }
        if ("canceled".equals(subscription.getStatus())) {
            return troubles.canceled(subscription);
        }
        Optional<SubscriptionItem> item = subscription.getItems() == null ? Optional.empty()
                : subscription.getItems().getData().stream().findFirst();
        PlanPrices.PlanTerms terms = PlanPrices.terms(sold.get(),
                planPrices.of(item.map(SubscriptionItem::getPrice).orElse(null)));
        Boolean changed = ConflictRetry.send(() -> commands.sendAndWait(new RecordSubscriptionChange(
                subscription.getCustomer(), sold.get().userId(), subscription.getId(), terms.planId(),
                terms.creditsPerPeriod(), cancelAt(subscription, item))));
        return Boolean.TRUE.equals(changed) ? Outcome.RECORDED : Outcome.ALREADY_RECORDED;
    }

    /** When the subscription ends: Stripe's {@code cancel_at}, or the period's end when it cancels at that end. */
    private static Instant cancelAt(Subscription subscription, Optional<SubscriptionItem> item) {
        if (subscription.getCancelAt() != null) {
            return Instant.ofEpochSecond(subscription.getCancelAt());
        }
        if (Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd())) {
            return item.map(SubscriptionItem::getCurrentPeriodEnd).map(Instant::ofEpochSecond).orElse(null);
        }
        return null;
    }
}
