package dev.mailsift.api.user;

import java.time.Instant;

/** The user proved they receive mail at {@code email}; from now on they may spend credits. */
public record EmailConfirmed(String userId, String email, Instant confirmedAt) {
}
