package dev.mailsift.command.accounts;

/**
 * The payload of a reservation's hold deadline ({@link CreditBalance#HOLD_DEADLINE}): which reservation to release
 * if it is still open. Public for the deadline store's serializer.
 */
public record CreditHoldExpiry(String reservationId) {
}
