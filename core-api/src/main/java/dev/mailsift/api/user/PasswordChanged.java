package dev.mailsift.api.user;

import java.time.Instant;

/**
 * The password changed. Every session opened before it ends (refresh tokens revoked, older access tokens
 * refused). Carries the new bcrypt hash so the credentials read model can be rebuilt.
 */
public record PasswordChanged(String userId, String passwordHash, PasswordChangeReason reason, Instant changedAt) {
}
