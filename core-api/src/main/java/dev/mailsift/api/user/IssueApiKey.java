package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Issue an API key to a user. The secret is made and shown once by the edge; only its hash travels.
 *
 * @param keyId      the key's public id (used to list and revoke it)
 * @param label      what the owner calls it (1–100 characters)
 * @param prefix     the first characters of the secret, shown in listings so an owner can tell keys apart
 * @param secretHash hex SHA-256 of the whole secret ({@code ms_live_…})
 * @param expiresAt  when the key stops working; {@code null} for never
 */
public record IssueApiKey(@TargetAggregateIdentifier String userId,
                          String keyId,
                          String label,
                          String prefix,
                          String secretHash,
                          Instant expiresAt) {
}
