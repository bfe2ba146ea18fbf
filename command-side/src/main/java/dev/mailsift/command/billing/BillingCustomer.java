package dev.mailsift.command.billing;

import dev.mailsift.api.billing.BillingCustomerCreated;
import dev.mailsift.api.billing.CheckoutStarted;
import dev.mailsift.api.billing.CreateBillingCustomer;
import dev.mailsift.api.billing.PackPurchased;
import dev.mailsift.api.billing.RecordCheckoutStarted;
import dev.mailsift.api.billing.PaymentFailed;
import dev.mailsift.api.billing.RecordPackPurchase;
import dev.mailsift.api.billing.RecordPaymentFailed;
import dev.mailsift.api.billing.RecordSubscriptionCanceled;
import dev.mailsift.api.billing.RecordSubscriptionChange;
import dev.mailsift.api.billing.SubscriptionChanged;
import dev.mailsift.api.billing.SubscriptionChanged.Change;
import dev.mailsift.api.billing.SubscriptionCanceled;
import dev.mailsift.api.billing.RecordSubscriptionPeriodPaid;
import dev.mailsift.api.billing.SubscriptionPeriodPaid;
import dev.mailsift.api.billing.SubscriptionStarted;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.mailsift.command.RejectedCommandException.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An account as Stripe's customer: the facts Stripe reports about it, each recorded once. Its identity is the Stripe
 * customer id, which every Stripe object about it carries. One account has one customer ({@link BillingCustomers}).
 *
 * <p>It owns the account's subscriptions: their plan and scheduled end ({@code SubscriptionChanged}), and what each
 * period has been granted, so that an upgrade's invoice tops a period up to the new plan's credits and no period is
 * granted twice, in whatever order the invoices arrive.
 */
@Aggregate
public class BillingCustomer {

    @AggregateIdentifier
    private String customerId;
    private String userId;
    private final Set<String> startedCheckouts = new HashSet<>();
    private final Set<String> paidCheckouts = new HashSet<>();
    private final Set<String> subscriptions = new HashSet<>();
    private final Set<String> paidInvoices = new HashSet<>();
    private final Set<String> failedAttempts = new HashSet<>();
    private final Set<String> canceledSubscriptions = new HashSet<>();
    private final Map<String, Terms> terms = new HashMap<>();
    private final Map<String, Long> grantedPerPeriod = new HashMap<>();

    /** A running subscription's plan as last recorded, and when it ends (null: it renews). */
    private record Terms(String planId, long creditsPerPeriod, Instant cancelAt) {
    }

    protected BillingCustomer() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public BillingCustomer(CreateBillingCustomer command, BillingCustomers customers, Clock clock) {
        requireText(command.customerId(), "customerId");
        requireText(command.userId(), "userId");
        customers.claim(command.userId(), command.customerId());
        apply(new BillingCustomerCreated(command.customerId(), command.userId(), clock.instant()));
    }

    @CommandHandler
    public void handle(RecordCheckoutStarted command, Clock clock) {
        requireThisAccount(command.userId());
        requirePack(command.checkoutSessionId(), command.packId(), command.credits(), command.amount());
        if (!startedCheckouts.contains(command.checkoutSessionId())) {
            apply(new CheckoutStarted(customerId, userId, command.checkoutSessionId(), command.packId(),
                    command.credits(), command.amount(), command.currency(), clock.instant()));
        }
    }

    /** Answers whether this report was the first: a paid checkout is recorded once. */
    @CommandHandler
    public boolean handle(RecordPackPurchase command, Clock clock) {
        requireThisAccount(command.userId());
        requirePack(command.checkoutSessionId(), command.packId(), command.credits(), command.amount());
        if (paidCheckouts.contains(command.checkoutSessionId())) {
            return false;
        }
        apply(new PackPurchased(customerId, userId, command.checkoutSessionId(), command.packId(), command.credits(),
                command.amount(), command.currency(), clock.instant()));
        return true;
    }

    /**
     * Answers whether this report was the first: a paid invoice is recorded once. It grants what its plan gives per
     * period less what the same period (same subscription, same end) was already granted: an upgrade's invoice tops
     * the period up, a downgrade's grants nothing until the next period, and one period never gets more than the
     * largest plan it was paid on, whichever invoice arrives first.
     */
    @CommandHandler
    public boolean handle(RecordSubscriptionPeriodPaid command, Clock clock) {
        requireThisAccount(command.userId());
        requireText(command.subscriptionId(), "subscriptionId");
        requireText(command.invoiceId(), "invoiceId");
        requireText(command.planId(), "planId");
        requireCredits(command.credits());
        if (paidInvoices.contains(command.invoiceId())) {
            return false;
        }
        if (!subscriptions.contains(command.subscriptionId())) {
            apply(new SubscriptionStarted(customerId, userId, command.subscriptionId(), command.planId(),
                    clock.instant()));
        }
        long granted = command.periodEnd() == null ? 0
                : grantedPerPeriod.getOrDefault(periodKey(command.subscriptionId(), command.periodEnd()), 0L);
        apply(new SubscriptionPeriodPaid(customerId, userId, command.subscriptionId(), command.invoiceId(),
                command.planId(), Math.max(0, command.credits() - granted), command.periodStart(), command.periodEnd(),
                command.amount(), command.currency(), clock.instant(), command.creditsExpireAt(), command.credits()));
        return true;
    }

    /**
     * Answers whether anything changed: the plan or the scheduled end Stripe reports now is recorded when it differs
     * from the last recorded. A subscription not started yet (its first paid invoice names its plan) or ended
     * changes nothing.
     */
    @CommandHandler
    public boolean handle(RecordSubscriptionChange command, Clock clock) {
        requireThisAccount(command.userId());
        requireText(command.subscriptionId(), "subscriptionId");
        requireText(command.planId(), "planId");
        requireCredits(command.creditsPerPeriod());
        Terms now = terms.get(command.subscriptionId());
        if (now == null || canceledSubscriptions.contains(command.subscriptionId())) {
            return false;
        }
        Change change;
        if (!now.planId().equals(command.planId())) {
            change = command.creditsPerPeriod() > now.creditsPerPeriod() ? Change.UPGRADED : Change.DOWNGRADED;
        } else if (!Objects.equals(now.cancelAt(), command.cancelAt())) {
            change = command.cancelAt() == null ? Change.CANCELLATION_WITHDRAWN : Change.CANCELLATION_SCHEDULED;
        } else {
            return false;
        }
        apply(new SubscriptionChanged(customerId, userId, command.subscriptionId(), change, now.planId(),
                command.planId(), command.creditsPerPeriod(), command.cancelAt(), clock.instant()));
        return true;
    }

    @CommandHandler
    public void handle(RecordPaymentFailed command, Clock clock) {
        requireThisAccount(command.userId());
        requireText(command.invoiceId(), "invoiceId");
        if (!failedAttempts.contains(attemptKey(command.invoiceId(), command.attempt()))) {
            apply(new PaymentFailed(customerId, userId, command.subscriptionId(), command.invoiceId(),
                    command.attempt(), command.amount(), command.currency(), clock.instant()));
        }
    }

    @CommandHandler
    public void handle(RecordSubscriptionCanceled command, Clock clock) {
        requireThisAccount(command.userId());
        requireText(command.subscriptionId(), "subscriptionId");
        if (!canceledSubscriptions.contains(command.subscriptionId())) {
            apply(new SubscriptionCanceled(customerId, userId, command.subscriptionId(), clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(PaymentFailed event) {
        failedAttempts.add(attemptKey(event.invoiceId(), event.attempt()));
    }

    @EventSourcingHandler
    void on(SubscriptionCanceled event) {
        canceledSubscriptions.add(event.subscriptionId());
    }

    private static String attemptKey(String invoiceId, long attempt) {
        return invoiceId + "#" + attempt;
    }

    @EventSourcingHandler
    void on(SubscriptionStarted event) {
        subscriptions.add(event.subscriptionId());
        terms.put(event.subscriptionId(), new Terms(event.planId(), 0, null));
    }

    @EventSourcingHandler
    void on(SubscriptionPeriodPaid event) {
        paidInvoices.add(event.invoiceId());
        if (event.periodEnd() != null) {
            grantedPerPeriod.merge(periodKey(event.subscriptionId(), event.periodEnd()), event.credits(), Long::sum);
        }
        // the first period tells what the plan it started on grants (SubscriptionStarted does not say)
        terms.computeIfPresent(event.subscriptionId(), (id, known) -> known.creditsPerPeriod() == 0
                && known.planId().equals(event.planId())
                ? new Terms(known.planId(), event.planCredits(), known.cancelAt()) : known);
    }

    @EventSourcingHandler
    void on(SubscriptionChanged event) {
        terms.put(event.subscriptionId(), new Terms(event.planId(), event.creditsPerPeriod(), event.cancelAt()));
    }

    /** A period is one subscription's up to one end (an upgrade's invoice covers the rest of the same period). */
    private static String periodKey(String subscriptionId, Instant periodEnd) {
        return subscriptionId + "@" + periodEnd;
    }

    @EventSourcingHandler
    void on(BillingCustomerCreated event) {
        customerId = event.customerId();
        userId = event.userId();
    }

    @EventSourcingHandler
    void on(CheckoutStarted event) {
        startedCheckouts.add(event.checkoutSessionId());
    }

    @EventSourcingHandler
    void on(PackPurchased event) {
        paidCheckouts.add(event.checkoutSessionId());
    }

    private void requireThisAccount(String claimedUserId) {
        if (!userId.equals(claimedUserId)) {
            throw new RejectedCommandException("the checkout belongs to another account than this customer's");
        }
    }

    private static void requirePack(String checkoutSessionId, String packId, long credits, long amount) {
        requireText(checkoutSessionId, "checkoutSessionId");
        requireText(packId, "packId");
        requireCredits(credits);
        if (amount < 0) {
            throw new RejectedCommandException("amount must not be negative");
        }
    }

    private static void requireCredits(long credits) {
        if (credits < 1) {
            throw new RejectedCommandException("credits must be at least 1");
        }
    }
}
