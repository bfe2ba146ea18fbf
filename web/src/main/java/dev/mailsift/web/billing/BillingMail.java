package dev.mailsift.web.billing;

import dev.mailsift.api.billing.PackPurchased;
import dev.mailsift.api.billing.PaymentFailed;
import dev.mailsift.api.billing.SubscriptionCanceled;
import dev.mailsift.api.user.CreditsExpired;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.CreditsRevoked;
import dev.mailsift.api.user.FindUserStatus;
import dev.mailsift.api.user.UserStatus;
import dev.mailsift.command.billing.BillingProcessingConfig;
import dev.mailsift.web.platform.mail.TransactionalMail;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Billing's mail: a receipt for every paid pack, a notice for a failed subscription payment and for a subscription's
 * end, for credits taken back by a refund or a lost dispute and for plan credits that lapsed, and a warning when
 * spending takes the balance below the low-credit
 * threshold (once per crossing: the next warning needs a grant to lift the balance above it first). On the billing
 * policies' processor, never during a replay.
 */
@Component
@ProcessingGroup(BillingProcessingConfig.PROCESSING_GROUP)
class BillingMail {

    private final TransactionalMail mail;
    private final QueryGateway queries;
    private final LowCreditThreshold lowCreditThreshold;

    BillingMail(TransactionalMail mail, QueryGateway queries, LowCreditThreshold lowCreditThreshold) {
        this.mail = mail;
        this.queries = queries;
        this.lowCreditThreshold = lowCreditThreshold;
    }

    @EventHandler
    @DisallowReplay
    void on(PackPurchased event) {
        emailOf(event.userId()).ifPresent(email -> mail.send(email, "purchase-receipt", Map.of(
                "credits", String.format(Locale.ROOT, "%,d", event.credits()),
                "pack", event.packId(),
                "price", price(event.amount(), event.currency()),
                "checkout", event.checkoutSessionId())));
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentFailed event) {
        emailOf(event.userId()).ifPresent(email -> mail.send(email, "payment-failed", Map.of(
                "price", price(event.amount(), event.currency()),
                "attempt", Long.toString(event.attempt()),
                "invoice", event.invoiceId())));
    }

    @EventHandler
    @DisallowReplay
    void on(SubscriptionCanceled event) {
        emailOf(event.userId()).ifPresent(email -> mail.send(email, "subscription-canceled", Map.of(
                "subscription", event.subscriptionId())));
    }

    /**
     * Once per refund or lost dispute that took or wrote off credits; the follow-ups that settle credits a running job
     * held are not mailed again (the first mail said they would be taken back).
     */
    @EventHandler
    @DisallowReplay
    void on(CreditsRevoked event) {
        if (event.reservationId() != null || event.amount() + event.writtenOff() + event.pending() == 0) {
            return;
        }
        String pending = event.pending() == 0 ? "" : String.format(Locale.ROOT,
                "; %,d more, held by a running job, are taken back when it finishes", event.pending());
        emailOf(event.userId()).ifPresent(email -> mail.send(email, "credits-revoked", Map.of(
                "cause", event.cause().code(),
                "charge", event.charge() == null ? "" : event.charge(),
                "amount", String.format(Locale.ROOT, "%,d", event.amount()),
                "written_off", String.format(Locale.ROOT, "%,d", event.writtenOff()),
                "pending", pending,
                "available", String.format(Locale.ROOT, "%,d", event.availableAfter()))));
    }

    /** Once per period whose unspent credits lapsed; a job's hold that lapses when released is not mailed again. */
    @EventHandler
    @DisallowReplay
    void on(CreditsExpired event) {
        if (event.reservationId() != null || event.amount() == 0) {
            return;
        }
        emailOf(event.userId()).ifPresent(email -> mail.send(email, "credits-lapsed", Map.of(
                "amount", String.format(Locale.ROOT, "%,d", event.amount()),
                "available", String.format(Locale.ROOT, "%,d", event.availableAfter()))));
    }

    @EventHandler
    @DisallowReplay
    void on(CreditsReserved event) {
        if (lowCreditThreshold.crossedBy(event)) {
            emailOf(event.userId()).ifPresent(email -> mail.send(email, "credits-low", Map.of(
                    "available", String.format(Locale.ROOT, "%,d", event.availableAfter()),
                    "threshold", String.format(Locale.ROOT, "%,d", lowCreditThreshold.credits()))));
        }
    }

    /** {@code 900} {@code usd} as {@code 9.00 USD}, in the currency's own minor units. */
    static String price(long minorUnits, String currencyCode) {
        String code = currencyCode == null ? "" : currencyCode.toUpperCase(Locale.ROOT);
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(code).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknownCurrency) {
            digits = 2;
        }
        return BigDecimal.valueOf(minorUnits, digits).toPlainString() + " " + code;
    }

    private Optional<String> emailOf(String userId) {
        return queries.query(new FindUserStatus(userId), ResponseTypes.optionalInstanceOf(UserStatus.class)).join()
                      .map(UserStatus::email);
    }
}
