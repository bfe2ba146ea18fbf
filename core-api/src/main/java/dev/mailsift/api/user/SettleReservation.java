package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Close a reservation: charge {@code capture} credits (at most the amount reserved) and give the rest back.
 * A reservation is settled once; settling it again changes nothing.
 */
public record SettleReservation(@TargetAggregateIdentifier String userId, String reservationId, long capture) {
}
