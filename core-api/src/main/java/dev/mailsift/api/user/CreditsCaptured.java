package dev.mailsift.api.user;

import java.time.Instant;

/** Reserved credits were spent: work was done and billed. */
public record CreditsCaptured(String userId, String reservationId, long amount, long reservedAfter,
                              Instant capturedAt) {
}
