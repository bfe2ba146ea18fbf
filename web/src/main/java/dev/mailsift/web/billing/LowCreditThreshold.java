package dev.mailsift.web.billing;

import dev.mailsift.api.user.CreditsReserved;

/**
 * Below how many available credits an account's owner is warned (mail, the {@code credits.low} webhook), once per
 * crossing: the next warning needs a grant to lift the balance back to it first. {@code 0} warns never.
 */
public record LowCreditThreshold(long credits) {

    /** Whether this reservation took the balance from at or above the threshold to below it. */
    public boolean crossedBy(CreditsReserved reservation) {
        return crossesBelow(reservation.availableAfter() + reservation.amount(), reservation.availableAfter());
    }

    boolean crossesBelow(long before, long after) {
        return credits > 0 && before >= credits && after < credits;
    }
}
