package dev.mailsift.api.billing;

import java.time.Instant;

/**
 * One period of a subscription is paid: its credits are owed to the account once (the grant id is the invoice's).
 *
 * @param creditsExpireAt when the period's unspent credits lapse (a plan sold without rollover), or null: they stay
 *                        (every period stored before the field existed)
 */
public record SubscriptionPeriodPaid(String customerId,
                                     String userId,
                                     String subscriptionId,
                                     String invoiceId,
                                     String planId,
                                     long credits,
                                     Instant periodStart,
                                     Instant periodEnd,
                                     long amount,
                                     String currency,
                                     Instant paidAt,
                                     Instant creditsExpireAt) {

    /** A period whose credits roll over. */
    public SubscriptionPeriodPaid(String customerId, String userId, String subscriptionId, String invoiceId,
                                  String planId, long credits, Instant periodStart, Instant periodEnd, long amount,
                                  String currency, Instant paidAt) {
        this(customerId, userId, subscriptionId, invoiceId, planId, credits, periodStart, periodEnd, amount, currency,
                paidAt, null);
    }
}
