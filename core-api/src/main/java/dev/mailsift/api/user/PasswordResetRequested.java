package dev.mailsift.api.user;

import java.time.Instant;

/** A password reset code was mailed; {@code codeHash} is a keyed hash, never the code. */
public record PasswordResetRequested(String userId,
                                     String email,
                                     String codeHash,
                                     Instant expiresAt,
                                     Instant requestedAt) {
}
