package dev.mailsift.command.accounts;

import dev.mailsift.api.user.CreditSource;
import dev.mailsift.api.user.RevocationCause;

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
    /** Past its {@code expiresAt}: credits released back to it lapse at once. */
    private boolean expired;
    /** Held credits a revocation claimed: taken back, or written off, when their reservations settle. */
    private long owed;
    /** Credits revoked from this grant in all: taken, written off and owed. */
    private long revoked;
    /** The latest revocation, which a settlement's follow-up belongs to. */
    private String lastRevocationId;
    private String lastBasis;
    private RevocationCause lastCause;
    private String lastCharge;

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

    /** A revocation took {@code taken} spendable credits, wrote off {@code writtenOff} and claimed {@code pending} held. */
    void revoke(String revocationId, String basis, RevocationCause cause, String charge, long taken, long writtenOff,
                long pending) {
        remaining -= taken;
        owed += pending;
        revoked += taken + writtenOff + pending;
        lastRevocationId = revocationId;
        lastBasis = basis;
        lastCause = cause;
        lastCharge = charge;
    }

    /** A settled reservation paid what was owed: {@code taken} back from the credits it released, the rest written off. */
    void settleOwed(long taken, long writtenOff) {
        remaining -= taken;
        owed -= taken + writtenOff;
    }

    /** What was left lapsed; credits released back to it later lapse then. */
    void expire(long lapsed) {
        remaining -= lapsed;
        expired = true;
    }

    boolean expired() {
        return expired;
    }

    long owed() {
        return owed;
    }

    /** What revocations have not claimed yet: the most a further revocation can take or write off. */
    long revocable() {
        return amount - revoked;
    }

    String lastRevocationId() {
        return lastRevocationId;
    }

    String lastBasis() {
        return lastBasis;
    }

    RevocationCause lastCause() {
        return lastCause;
    }

    String lastCharge() {
        return lastCharge;
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
                && Objects.equals(expiresAt, lot.expiresAt) && remaining == lot.remaining && held == lot.held
                && expired == lot.expired && owed == lot.owed && revoked == lot.revoked && Objects.equals(lastRevocationId, lot.lastRevocationId)
                && Objects.equals(lastBasis, lot.lastBasis) && lastCause == lot.lastCause
                && Objects.equals(lastCharge, lot.lastCharge);
    }

    @Override
    public int hashCode() {
        return Objects.hash(grantId, remaining, held);
    }

    @Override
    public String toString() {
        return grantId + " (" + source.code() + "): " + remaining + " of " + amount + " left, " + held + " held, "
                + revoked + " revoked, " + owed + " owed";
    }
}
