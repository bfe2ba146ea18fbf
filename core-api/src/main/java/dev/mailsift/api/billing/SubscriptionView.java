package dev.mailsift.api.billing;

import java.time.Instant;

/**
 * An account's subscription as its owner sees it.
 *
 * @param status           {@code active}, {@code past_due} (the last collection failed; Stripe retries) or
 *                         {@code canceled}
 * @param periodStart      start of the last paid period
 * @param periodEnd        end of the last paid period
 * @param creditsPerPeriod credits each paid period grants
 * @param periodsPaid      how many periods were paid in all
 * @param cancelAt         when the subscription ends (cancelled at the period's end), or null: it renews
 */
public record SubscriptionView(String subscriptionId,
                               String planId,
                               String status,
                               Instant periodStart,
                               Instant periodEnd,
                               long creditsPerPeriod,
                               long periodsPaid,
                               Instant cancelAt) {
}
