package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Take back the credits of one grant because the money that paid for it went back (a refund, a lost dispute). The
 * amounts are Stripe's, cumulative, so that any number of deliveries in any order take back exactly once: the
 * account takes back {@code floor(granted × reversed ÷ paid)} credits for the {@code basis} in all, less what it
 * already took for it, and at most what the grant still has unspent; the rest is written off.
 *
 * @param grantId  the grant the charge paid for ({@code checkout/cs_…}, {@code invoice/in_…})
 * @param basis    what {@code reversed} counts for: {@code charge/<ch>/refunds} (every refund of the charge, summed
 *                 by Stripe) or {@code dispute/<dp>}
 * @param reversed minor units given back so far for the basis (the charge's {@code amount_refunded}, a lost
 *                 dispute's {@code amount})
 * @param paid     the charge's amount in minor units
 * @param charge   the charge's id ({@code ch_…})
 */
public record RevokeCredits(@TargetAggregateIdentifier String userId,
                            String grantId,
                            String basis,
                            long reversed,
                            long paid,
                            RevocationCause cause,
                            String charge) {
}
