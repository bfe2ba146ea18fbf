package dev.mailsift.api.user;

import java.time.Instant;

/** Reserved credits that were not spent went back to the available balance. */
public record CreditsReleased(String userId, String reservationId, long amount, long availableAfter,
                              long reservedAfter, Instant releasedAt) {
}
