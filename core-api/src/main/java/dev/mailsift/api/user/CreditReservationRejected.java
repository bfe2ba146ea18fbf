package dev.mailsift.api.user;

import java.time.Instant;

/**
 * A reservation could not be made; nothing changed.
 *
 * @param reason short of credits, or the account's state (unconfirmed, suspended)
 */
public record CreditReservationRejected(String userId, String reservationId, long requested, long available,
                                        SpendingRefusal reason, Instant rejectedAt) {
}
