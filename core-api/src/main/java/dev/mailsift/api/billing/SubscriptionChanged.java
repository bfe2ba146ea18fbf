package dev.mailsift.api.billing;

import java.time.Instant;

/**
 * A running subscription changed plan, or its end was scheduled or withdrawn. Credits follow the paid invoices
 * ({@link SubscriptionPeriodPaid}), not this event: an upgrade's invoice tops the period up, a downgrade's lower
 * credits start with the next period.
 *
 * @param change           what changed, {@link Change}
 * @param previousPlanId   the plan before; equal to {@code planId} when only the end changed
 * @param creditsPerPeriod what {@code planId} grants each period
 * @param cancelAt         when the subscription ends, or null: it renews
 */
public record SubscriptionChanged(String customerId,
                                  String userId,
                                  String subscriptionId,
                                  Change change,
                                  String previousPlanId,
                                  String planId,
                                  long creditsPerPeriod,
                                  Instant cancelAt,
                                  Instant changedAt) {

    /** What a change was, as customers of a monthly plan speak of it. */
    public enum Change {
        /** To a plan with more credits per period. */
        UPGRADED,
        /** To a plan with fewer credits per period (or as many). */
        DOWNGRADED,
        /** The subscription will end at {@code cancelAt} rather than renew. */
        CANCELLATION_SCHEDULED,
        /** A scheduled end was withdrawn: the subscription renews again. */
        CANCELLATION_WITHDRAWN;

        /** The wire name: {@code upgraded}, {@code cancellation_scheduled}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
