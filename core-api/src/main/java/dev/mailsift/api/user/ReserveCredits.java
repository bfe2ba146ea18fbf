package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set credits aside for a piece of work (a batch job, one verification). Rejected, with nothing reserved, when
 * the available balance is short. Reserving the same {@code reservationId} twice reserves once.
 */
public record ReserveCredits(@TargetAggregateIdentifier String userId, String reservationId, long amount) {
}
