package dev.mailsift.command.accounts;

import dev.mailsift.api.user.CreditSource;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * The credits of one grant inside a {@link CreditBalance}: how many it brought, how many are still spendable, how
 * many open reservations hold. Derived from the account's events by the balance's event-sourcing handlers, never
 * stored on its own, so accounts granted before lots existed have them too (decision 0036).
 */
final class CreditLot {

    /** Spending order: credits that expire soonest first, then the oldest grant first. */
    static final Comparator<CreditLot> SPENDING_ORDER = Comparator
            .comparing(CreditLot::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingLong(CreditLot::order);

    private String grantId;
    private CreditSource source;
    private long amount;
    private long order;
    private Instant grantedAt;
    private Instant expiresAt;
    private long remaining;
    private long held;

    private CreditLot() {
        // for the snapshot serializer
    }

    CreditLot(String grantId, CreditSource source, long amount, long order, Instant grantedAt, Instant expiresAt) {
        this.grantId = grantId;
        this.source = source;
        this.amount = amount;
        this.order = order;
        this.grantedAt = grantedAt;
        this.expiresAt = expiresAt;
        this.remaining = amount;
    }

    /** Moves up to {@code wanted} spendable credits to a reservation's hold; how many it moved. */
    long hold(long wanted) {
        long taken = Math.min(wanted, remaining);
        remaining -= taken;
        held += taken;
        return taken;
    }

    /** Held credits were spent on work done. */
    void spend(long credits) {
        held -= credits;
    }

    /** Held credits went back to the balance. */
    void unhold(long credits) {
        held -= credits;
        remaining += credits;
    }

    String grantId() {
        return grantId;
    }

    CreditSource source() {
        return source;
    }

    /** What the grant brought. */
    long amount() {
        return amount;
    }

    /** The grant's place among the account's grants, from 0. */
    long order() {
        return order;
    }

    Instant grantedAt() {
        return grantedAt;
    }

    /** When the credits stop counting, or null for never. */
    Instant expiresAt() {
        return expiresAt;
    }

    /** Credits of this grant that are still spendable. */
    long remaining() {
        return remaining;
    }

    /** Credits of this grant that open reservations hold. */
    long held() {
        return held;
    }

    /** By value: the aggregate test fixture compares the state it built with the state its events rebuild. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CreditLot lot && grantId.equals(lot.grantId) && source == lot.source
                && amount == lot.amount && order == lot.order && Objects.equals(grantedAt, lot.grantedAt)
                && Objects.equals(expiresAt, lot.expiresAt) && remaining == lot.remaining && held == lot.held;
    }

    @Override
    public int hashCode() {
        return Objects.hash(grantId, remaining, held);
    }

    @Override
    public String toString() {
        return grantId + " (" + source.code() + "): " + remaining + " of " + amount + " left, " + held + " held";
    }
}
