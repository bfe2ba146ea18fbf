package dev.mailsift.api.billing;

import java.time.Instant;

/** One period of a subscription is paid: its credits are owed to the account once (the grant id is the invoice's). */
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
                                     Instant paidAt) {
}
