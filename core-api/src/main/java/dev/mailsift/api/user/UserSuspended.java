package dev.mailsift.api.user;

import java.time.Instant;

/** An operator suspended the account: it may not sign in, call the API or spend credits. */
public record UserSuspended(String userId, String reason, Instant suspendedAt) {
}
