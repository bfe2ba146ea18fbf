package dev.mailsift.api.user;

import java.time.Instant;

/**
 * Credits were added to a balance.
 *
 * @param availableAfter the spendable balance once this grant is applied, so a reader needs no other event
 */
public record CreditsGranted(String userId,
                             String grantId,
                             long amount,
                             String reason,
                             long availableAfter,
                             Instant grantedAt) {
}
