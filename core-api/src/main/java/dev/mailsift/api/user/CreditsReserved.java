package dev.mailsift.api.user;

import java.time.Instant;

/** Credits moved from available to reserved for {@code reservationId} (a job id, or a verification id). */
public record CreditsReserved(String userId, String reservationId, long amount, long availableAfter,
                              long reservedAfter, Instant reservedAt) {
}
