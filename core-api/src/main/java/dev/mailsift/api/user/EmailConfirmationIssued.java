package dev.mailsift.api.user;

import java.time.Instant;

/** A confirmation code was mailed to {@code email}; {@code codeHash} is a keyed hash, never the code. */
public record EmailConfirmationIssued(String userId,
                                      String email,
                                      String codeHash,
                                      Instant expiresAt,
                                      Instant issuedAt) {
}
