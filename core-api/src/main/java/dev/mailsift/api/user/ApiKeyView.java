package dev.mailsift.api.user;

import java.time.Instant;

/** One API key as its owner sees it: never the secret or its hash. */
public record ApiKeyView(String id,
                         String label,
                         String prefix,
                         Instant createdAt,
                         Instant expiresAt,
                         Instant lastUsedAt,
                         Instant revokedAt) {
}
