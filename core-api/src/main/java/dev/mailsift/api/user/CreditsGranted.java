package dev.mailsift.api.user;

import java.time.Instant;

/**
 * Credits were added to a balance.
 *
 * @param availableAfter the spendable balance once this grant is applied, so a reader needs no other event
 * @param source         where the credits come from; grants stored before sources were recorded were all an
 *                       operator's, and read as {@link CreditSource#OPERATOR}
 * @param expiresAt      when what is left of these credits lapses ({@code CreditsExpired}), or null: never (every
 *                       grant stored before the field existed)
 */
public record CreditsGranted(String userId,
                             String grantId,
                             long amount,
                             String reason,
                             long availableAfter,
                             Instant grantedAt,
                             CreditSource source,
                             Instant expiresAt) {

    public CreditsGranted {
        source = source == null ? CreditSource.OPERATOR : source;
    }

    /** Credits that never expire. */
    public CreditsGranted(String userId, String grantId, long amount, String reason, long availableAfter,
                          Instant grantedAt, CreditSource source) {
        this(userId, grantId, amount, reason, availableAfter, grantedAt, source, null);
    }
}
