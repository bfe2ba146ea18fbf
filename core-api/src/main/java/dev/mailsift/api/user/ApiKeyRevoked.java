package dev.mailsift.api.user;

import java.time.Instant;

/** An API key stopped working for good. */
public record ApiKeyRevoked(String userId, String keyId, Instant revokedAt) {
}
