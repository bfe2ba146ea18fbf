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
import java.util.HashSet;
import java.util.Set;

import static dev.mailsift.command.RejectedCommandException.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An account as Stripe's customer: the facts Stripe reports about it, each recorded once. Its identity is the Stripe
 * customer id, which every Stripe object about it carries. One account has one customer ({@link BillingCustomers}).
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

    /** Answers whether this report was the first: a paid invoice is recorded once. */
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
        apply(new SubscriptionPeriodPaid(customerId, userId, command.subscriptionId(), command.invoiceId(),
                command.planId(), command.credits(), command.periodStart(), command.periodEnd(), command.amount(),
                command.currency(), clock.instant(), command.creditsExpireAt()));
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
    }

    @EventSourcingHandler
    void on(SubscriptionPeriodPaid event) {
        paidInvoices.add(event.invoiceId());
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
