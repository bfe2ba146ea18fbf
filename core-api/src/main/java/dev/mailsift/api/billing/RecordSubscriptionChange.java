package dev.mailsift.api.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Record what Stripe now says a subscription is: its plan and whether it ends at a set time. Recorded as a
 * {@code SubscriptionChanged} only when that differs from what the customer already knows; a subscription whose
 * first period is not paid yet, or that has ended, changes nothing (its first paid invoice names its plan).
 *
 * @param creditsPerPeriod what the plan grants each period, as sold now
 * @param cancelAt         when the subscription ends (cancelled at the period's end), or null: it renews
 */
public record RecordSubscriptionChange(@TargetAggregateIdentifier String customerId,
                                       String userId,
                                       String subscriptionId,
                                       String planId,
                                       long creditsPerPeriod,
                                       Instant cancelAt) {
}
