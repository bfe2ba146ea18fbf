package dev.mailsift.api.user;

import java.time.Instant;

/**
 * A reservation could not be made; nothing changed.
 *
 * @param reason {@code insufficient_credits}, or a reason of the account's state (e.g. {@code account_suspended})
 */
public record CreditReservationRejected(String userId, String reservationId, long requested, long available,
                                        String reason, Instant rejectedAt) {
}
