package dev.mailsift.api.user;

import java.time.Instant;

/**
 * Paid credits were taken back (a refund, a lost dispute), at most what their grant still had unspent.
 *
 * @param revocationId  {@code <basis>/<reversed>}: the revocation it belongs to; a settlement's follow-up adds
 *                      {@code /<reservationId>}
 * @param basis         what the reversal counts for: {@code charge/<ch>/refunds} or {@code dispute/<dp>}
 * @param grantId       the grant the credits came from
 * @param charge        the Stripe charge whose money went back ({@code ch_…})
 * @param amount        credits taken from the spendable balance now
 * @param writtenOff    credits of the grant that were already spent: recorded, never taken from other credits
 * @param pending       credits of the grant that open reservations held: taken back, or written off if spent, when
 *                      those reservations settle (an event with {@code reservationId} then)
 * @param reservationId null for a revocation; the settled reservation when this takes back (or writes off) what a
 *                      revocation left pending
 * @param availableAfter the spendable balance after this
 */
public record CreditsRevoked(String userId,
                             String revocationId,
                             String basis,
                             String grantId,
                             RevocationCause cause,
                             String charge,
                             long amount,
                             long writtenOff,
                             long pending,
                             String reservationId,
                             long availableAfter,
                             Instant revokedAt) {
}
