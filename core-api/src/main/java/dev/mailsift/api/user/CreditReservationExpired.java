package dev.mailsift.api.user;

import java.time.Instant;

/**
 * A reservation made with a hold ({@link ReserveCredits#hold()}) was still open when the hold ran out: nothing
 * settled it (the work that made it failed, or its settlement was lost), so all of it went back to the available
 * balance and nothing was charged. Ends the reservation, as a release does.
 */
public record CreditReservationExpired(String userId, String reservationId, long amount, long availableAfter,
                                       long reservedAfter, Instant expiredAt) {
}
