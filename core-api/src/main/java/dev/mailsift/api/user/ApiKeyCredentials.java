package dev.mailsift.api.user;

import java.time.Instant;

/** What authenticating a request with an API key needs. Never leaves the service. */
public record ApiKeyCredentials(String keyId, String userId, Instant expiresAt, Instant revokedAt) {
}
