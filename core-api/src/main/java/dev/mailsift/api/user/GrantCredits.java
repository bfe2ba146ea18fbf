package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add credits to a user's balance: an operator's grant, the sign-up credits, later a payment or a subscription
 * period.
 *
 * @param grantId identifies this grant; granting the same id twice adds the credits once
 * @param amount  credits to add, at least 1
 * @param reason  free text kept in the audit trail
 * @param source  where the credits come from
 * @param expiresAt when what is left of these credits lapses (a plan's period end, for plans without rollover), or
 *                  null: never
 */
public record GrantCredits(@TargetAggregateIdentifier String userId,
                           String grantId,
                           long amount,
                           String reason,
                           CreditSource source,
                           java.time.Instant expiresAt) {

    /** Credits that never expire. */
    public GrantCredits(String userId, String grantId, long amount, String reason, CreditSource source) {
        this(userId, grantId, amount, reason, source, null);
    }
}
