package dev.mailsift.api.billing;

import java.time.Instant;

/**
 * One period of a subscription is paid: its credits are owed to the account once (the grant id is the invoice's).
 *
 * @param credits         what this invoice grants: the plan's credits for a new period; for a period already granted
 *                        (an upgrade's invoice), only what the new plan gives beyond what the period already got (0 for
 *                        a downgrade's): one period never grants more than the largest plan it was paid on
 * @param creditsExpireAt when the period's unspent credits lapse (a plan sold without rollover), or null: they stay
 *                        (every period stored before the field existed)
 * @param creditsPerPeriod what the plan paid for grants each period, or null: {@code credits} (every period stored
 *                         before the field existed)
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
                                     Instant creditsExpireAt,
                                     Long creditsPerPeriod) {

    /** A period whose credits roll over. */
    public SubscriptionPeriodPaid(String customerId, String userId, String subscriptionId, String invoiceId,
                                  String planId, long credits, Instant periodStart, Instant periodEnd, long amount,
                                  String currency, Instant paidAt) {
        this(customerId, userId, subscriptionId, invoiceId, planId, credits, periodStart, periodEnd, amount, currency,
                paidAt, null, null);
    }

    /** A period granted in full. */
    public SubscriptionPeriodPaid(String customerId, String userId, String subscriptionId, String invoiceId,
                                  String planId, long credits, Instant periodStart, Instant periodEnd, long amount,
                                  String currency, Instant paidAt, Instant creditsExpireAt) {
        this(customerId, userId, subscriptionId, invoiceId, planId, credits, periodStart, periodEnd, amount, currency,
                paidAt, creditsExpireAt, null);
    }

    /** What the plan grants each period. */
    public long planCredits() {
        return creditsPerPeriod == null ? credits : creditsPerPeriod;
    }
}
