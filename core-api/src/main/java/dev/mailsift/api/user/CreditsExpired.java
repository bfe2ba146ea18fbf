package dev.mailsift.api.user;

import java.time.Instant;

/**
 * What was left of a grant's credits lapsed at its {@code expiresAt} (a plan's period end, for plans whose credits do
 * not roll over). Spending takes credits that expire soonest first, so as little as possible lapses.
 *
 * @param grantId        the grant whose credits lapsed
 * @param source         where that grant came from
 * @param amount         credits taken from the spendable balance
 * @param held           credits of the grant that open reservations held at that moment: whatever of them is released
 *                       later lapses then (an event with {@code reservationId}); what is captured was spent in time
 * @param reservationId  null at the expiry; the settled reservation when this lapses credits it released
 * @param availableAfter the spendable balance after this
 */
public record CreditsExpired(String userId,
                             String grantId,
                             CreditSource source,
                             long amount,
                             long held,
                             String reservationId,
                             long availableAfter,
                             Instant expiredAt) {
}
