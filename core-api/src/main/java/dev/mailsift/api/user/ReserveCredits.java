package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;

/**
 * Set credits aside for a piece of work (a batch job, one verification). Rejected, with nothing reserved, when
 * the available balance is short. Reserving the same {@code reservationId} twice reserves once.
 *
 * @param hold how long the reservation may stay open: if nothing settles it within this time, it expires and its
 *             credits go back ({@link CreditReservationExpired}). Null for work that settles it itself however long
 *             it runs (a batch job, whose pipeline settles on every outcome).
 */
public record ReserveCredits(@TargetAggregateIdentifier String userId, String reservationId, long amount,
                             Duration hold) {

    /** A reservation without expiry. */
    public ReserveCredits(String userId, String reservationId, long amount) {
        this(userId, reservationId, amount, null);
    }
}
