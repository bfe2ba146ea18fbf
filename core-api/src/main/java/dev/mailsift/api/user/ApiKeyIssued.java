package dev.mailsift.api.user;

import java.time.Instant;

/**
 * An API key was issued. Carries the secret's hash (never the secret) so the key lookup can be rebuilt from the
 * event store; outbound webhooks never include the hash.
 */
public record ApiKeyIssued(String userId,
                           String keyId,
                           String label,
                           String prefix,
                           String secretHash,
                           Instant expiresAt,
                           Instant issuedAt) {
}
