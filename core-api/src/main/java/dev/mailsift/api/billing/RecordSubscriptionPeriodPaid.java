package dev.mailsift.api.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Record that Stripe says a subscription's invoice for one period is paid. Recording the same invoice again changes
 * nothing; the first paid invoice of a subscription also starts it.
 *
 * @param credits credits the plan gives per period, as the subscription was sold
 * @param amount  what the invoice took, in minor units of {@code currency}
 * @param creditsExpireAt when the period's unspent credits lapse (the period's end, for a plan sold without
 *                        rollover), or null: they stay
 */
public record RecordSubscriptionPeriodPaid(@TargetAggregateIdentifier String customerId,
                                           String userId,
                                           String subscriptionId,
                                           String invoiceId,
                                           String planId,
                                           long credits,
                                           Instant periodStart,
                                           Instant periodEnd,
                                           long amount,
                                           String currency,
                                           Instant creditsExpireAt) {

    /** A period whose credits roll over. */
    public RecordSubscriptionPeriodPaid(String customerId, String userId, String subscriptionId, String invoiceId,
                                        String planId, long credits, Instant periodStart, Instant periodEnd,
                                        long amount, String currency) {
        this(customerId, userId, subscriptionId, invoiceId, planId, credits, periodStart, periodEnd, amount, currency,
                null);
    }
}
