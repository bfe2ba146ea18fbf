package dev.mailsift.command.accounts;

import dev.mailsift.api.user.CreditReservationExpired;
import dev.mailsift.api.user.CreditReservationRejected;
import dev.mailsift.api.user.CreditsExpired;
import dev.mailsift.api.user.CreditsCaptured;
import dev.mailsift.api.user.CreditsGranted;
import dev.mailsift.api.user.CreditsReleased;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.CreditsRevoked;
import dev.mailsift.api.user.RevokeCredits;
import dev.mailsift.api.user.GrantCredits;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.SettleReservation;
import dev.mailsift.api.user.SpendingRefusal;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's money, as a member of the {@link User} aggregate: granted credits are available; work reserves them;
 * settling a reservation captures what was used and releases the rest. The available balance never goes below
 * zero: every change is decided here, one command at a time per user, and the event store's sequence numbers
 * reject a concurrent append from another node. A reservation made with a hold expires when nothing settles it
 * in time (the {@value #HOLD_DEADLINE} deadline, handled by the {@link User} root), so a lost settlement never
 * strands credits.
 * <p>
 * The balance knows which grant its credits came from ({@link CreditLot}s): a reservation takes them in
 * {@link CreditLot#SPENDING_ORDER} and remembers which lots it holds, a capture spends what it took first, a release
 * gives the rest back to the lots it came from. The lots are derived from the same events as the totals (decision
 * 0036), so they always add up to {@code available + reserved}. A refund or a lost dispute takes back from its own
 * purchase's lot only what is unspent (decision 0038); a grant that expires lapses what is left of it at its
 * {@value #LOT_EXPIRY_DEADLINE} deadline. Credits a reservation holds of such a lot are settled when it settles: what
 * it released is taken back or lapses, what it captured was spent.
 */
public class CreditBalance {

    static final String HOLD_DEADLINE = "credit-hold-expired";
    static final String LOT_EXPIRY_DEADLINE = "credits-expired";

    private String userId;
    private long available;
    private long reserved;
    private final Set<String> appliedGrants = new HashSet<>();
    private final Map<String, Long> openReservations = new HashMap<>();
    private final Set<String> closedReservations = new HashSet<>();
    /** By grant id, in the order granted. */
    private final Map<String, CreditLot> lots = new LinkedHashMap<>();
    /** Credits revoked so far for each basis ({@code charge/<ch>/refunds}, {@code dispute/<dp>}). */
    private final Map<String, Long> revokedByBasis = new HashMap<>();
    /** What each open reservation holds, by lot, in the order taken. */
    private final Map<String, List<LotShare>> holdings = new HashMap<>();

    /** Credits of one lot that a reservation holds. */
    record LotShare(String grantId, long amount) {
    }

    CreditBalance() {
    }

    CreditBalance(String userId) {
        this.userId = userId;
    }

    /** Adds a grant once; a grant that expires schedules its expiry in the same unit of work. */
    @CommandHandler
    public long handle(GrantCredits command, Clock clock, DeadlineManager deadlines) {
        if (command.amount() < 1) {
            throw new RejectedCommandException("amount must be at least 1");
        }
        if (command.grantId() == null || command.grantId().isBlank()) {
            throw new RejectedCommandException("grantId is required");
        }
        if (!appliedGrants.contains(command.grantId())) {
            apply(new CreditsGranted(userId, command.grantId(), command.amount(), command.reason(),
                    Math.addExact(available, command.amount()), clock.instant(), command.source(),
                    command.expiresAt()));
            if (command.expiresAt() != null) {
                // a time already past fires at once: a late report of a period grants and lapses its credits
                deadlines.schedule(command.expiresAt(), LOT_EXPIRY_DEADLINE, new CreditLotExpiry(command.grantId()));
            }
        }
        return available;
    }

    /**
     * A grant's expiry came: what is left of it lapses, and what open reservations hold of it lapses when they
     * release it. Changes nothing for a grant that already lapsed.
     */
    void expire(CreditLotExpiry expiry, Clock clock) {
        CreditLot lot = lots.get(expiry.grantId());
        if (lot == null || lot.expired() || lot.remaining() + lot.held() - lot.owed() == 0) {
            return; // nothing of it is left to lapse, now or later
        }
        apply(new CreditsExpired(userId, lot.grantId(), lot.source(), lot.remaining(), lot.held() - lot.owed(), null,
                available - lot.remaining(), clock.instant()));
    }

    /**
     * Reserves, or records why not. A rejection is an event rather than an exception: the pipeline saga reacts to
     * it, and auditors see every refused spend. Called by the root, which knows the account's standing.
     *
     * @param standingRefusal why the account may not spend at all (unconfirmed, suspended), or null
     */
    boolean reserve(ReserveCredits command, SpendingRefusal standingRefusal, Clock clock, DeadlineManager deadlines) {
        if (command.amount() < 1) {
            throw new RejectedCommandException("amount must be at least 1");
        }
        if (command.hold() != null && (command.hold().isNegative() || command.hold().isZero())) {
            throw new RejectedCommandException("hold must be positive");
        }
        String id = command.reservationId();
        if (openReservations.containsKey(id) || closedReservations.contains(id)) {
            return openReservations.containsKey(id);
        }
        if (standingRefusal != null) {
            apply(new CreditReservationRejected(userId, id, command.amount(), available, standingRefusal,
                    clock.instant()));
            return false;
        }
        if (command.amount() > available) {
            apply(new CreditReservationRejected(userId, id, command.amount(), available,
                    SpendingRefusal.INSUFFICIENT_CREDITS, clock.instant()));
            return false;
        }
        apply(new CreditsReserved(userId, id, command.amount(), available - command.amount(),
                reserved + command.amount(), clock.instant()));
        if (command.hold() != null) {
            // scheduled in this unit of work: stored with the event, or not at all
            deadlines.schedule(command.hold(), HOLD_DEADLINE, new CreditHoldExpiry(id));
        }
        return true;
    }

    /**
     * The hold of a reservation ran out: releases all of it if nothing settled it yet. Not cancelled on settlement:
     * a deadline that finds its reservation closed changes nothing.
     */
    void expire(CreditHoldExpiry expiry, Clock clock) {
        Long amount = openReservations.get(expiry.reservationId());
        if (amount == null) {
            return;
        }
        Map<String, long[]> split = split(expiry.reservationId(), 0);
        apply(new CreditReservationExpired(userId, expiry.reservationId(), amount, available + amount,
                reserved - amount, clock.instant()));
        settleOwed(expiry.reservationId(), split, clock);
    }

    /** By lot: {captured, released} when the reservation captures {@code capture} and releases the rest. */
    private Map<String, long[]> split(String reservationId, long capture) {
        Map<String, long[]> split = new LinkedHashMap<>();
        long toCapture = capture;
        for (LotShare share : holdings.getOrDefault(reservationId, List.of())) {
            long captured = Math.min(toCapture, share.amount());
            toCapture -= captured;
            long[] parts = split.computeIfAbsent(share.grantId(), unused -> new long[2]);
            parts[0] += captured;
            parts[1] += share.amount() - captured;
        }
        return split;
    }

    /**
     * A settled reservation held credits of a revoked grant: what it released is taken back (the balance just got
     * it), what it captured is written off, up to what the revocation claimed. What it released of a grant that
     * expired meanwhile lapses.
     */
    private void settleOwed(String reservationId, Map<String, long[]> split, Clock clock) {
        split.forEach((grantId, parts) -> {
            CreditLot lot = lots.get(grantId);
            long taken = Math.min(lot.owed(), parts[1]);
            long writtenOff = Math.min(lot.owed() - taken, parts[0]);
            if (taken + writtenOff > 0) {
                apply(new CreditsRevoked(userId, lot.lastRevocationId() + "/" + reservationId, lot.lastBasis(),
                        grantId, lot.lastCause(), lot.lastCharge(), taken, writtenOff, 0, reservationId,
                        available - taken, clock.instant()));
            }
            long lapsed = parts[1] - taken;
            if (lot.expired() && lapsed > 0) {
                apply(new CreditsExpired(userId, grantId, lot.source(), lapsed, 0, reservationId, available - lapsed,
                        clock.instant()));
            }
        });
    }

    /** Captures at most what was reserved and releases the remainder; a second settlement changes nothing. */
    @CommandHandler
    public void handle(SettleReservation command, Clock clock) {
        Long amount = openReservations.get(command.reservationId());
        if (amount == null) {
            return;
        }
        if (command.capture() < 0) {
            throw new RejectedCommandException("capture must not be negative");
        }
        long capture = Math.min(command.capture(), amount);
        long release = amount - capture;
        Map<String, long[]> split = split(command.reservationId(), capture);
        if (capture > 0) {
            apply(new CreditsCaptured(userId, command.reservationId(), capture, reserved - capture, clock.instant()));
        }
        if (release > 0) {
            apply(new CreditsReleased(userId, command.reservationId(), release, available + release,
                    reserved - release, clock.instant()));
        }
        settleOwed(command.reservationId(), split, clock);
    }

    /**
     * Takes back what a refund or a lost dispute claimed of a purchase: {@code floor(granted × reversed ÷ paid)} for
     * the basis in all, less what earlier deliveries took for it, so any number of deliveries in any order take back
     * once. Only the grant's unspent credits are taken; what open reservations hold is claimed when they settle;
     * what was spent is written off. The balance never goes below zero. Answers the credits taken now.
     */
    @CommandHandler
    public long handle(RevokeCredits command, Clock clock) {
        RejectedCommandException.requireText(command.grantId(), "grantId");
        RejectedCommandException.requireText(command.basis(), "basis");
        if (command.paid() < 1 || command.reversed() < 0) {
            throw new RejectedCommandException("paid must be at least 1 and reversed not negative");
        }
        CreditLot lot = lots.get(command.grantId());
        if (lot == null) {
            throw new UnknownGrantException(command.grantId());
        }
        long target = Math.multiplyExact(lot.amount(), Math.min(command.reversed(), command.paid())) / command.paid();
        long due = Math.min(target - revokedByBasis.getOrDefault(command.basis(), 0L), lot.revocable());
        if (due <= 0) {
            return 0;
        }
        long taken = Math.min(due, lot.remaining());
        long pending = Math.min(due - taken, lot.held() - lot.owed());
        long writtenOff = due - taken - pending;
        apply(new CreditsRevoked(userId, command.basis() + "/" + command.reversed(), command.basis(),
                command.grantId(), command.cause(), command.charge(), taken, writtenOff, pending, null,
                available - taken, clock.instant()));
        return taken;
    }

    @EventSourcingHandler
    void on(CreditReservationExpired event) {
        giveBack(event.reservationId());
        available = event.availableAfter();
        reserved = event.reservedAfter();
        openReservations.remove(event.reservationId());
        closedReservations.add(event.reservationId());
    }

    long available() {
        return available;
    }

    long reserved() {
        return reserved;
    }

    @EventSourcingHandler
    void on(CreditsGranted event) {
        available = event.availableAfter();
        appliedGrants.add(event.grantId());
        lots.put(event.grantId(), new CreditLot(event.grantId(), event.source(), event.amount(), lots.size(),
                event.grantedAt(), event.expiresAt()));
    }

    @EventSourcingHandler
    void on(CreditsReserved event) {
        available = event.availableAfter();
        reserved = event.reservedAfter();
        openReservations.put(event.reservationId(), event.amount());
        holdings.put(event.reservationId(), holdInSpendingOrder(event.amount()));
    }

    @EventSourcingHandler
    void on(CreditReservationRejected event) {
        closedReservations.add(event.reservationId());
    }

    @EventSourcingHandler
    void on(CreditsCaptured event) {
        spend(event.reservationId(), event.amount());
        reserved = event.reservedAfter();
        long left = openReservations.getOrDefault(event.reservationId(), 0L) - event.amount();
        if (left > 0) {
            openReservations.put(event.reservationId(), left);
        } else {
            openReservations.remove(event.reservationId());
            closedReservations.add(event.reservationId());
            holdings.remove(event.reservationId());
        }
    }

    /** The release, when there is one, is the settlement's last event. */
    @EventSourcingHandler
    void on(CreditsReleased event) {
        giveBack(event.reservationId());
        available = event.availableAfter();
        reserved = event.reservedAfter();
        openReservations.remove(event.reservationId());
        closedReservations.add(event.reservationId());
    }

    @EventSourcingHandler
    void on(CreditsRevoked event) {
        CreditLot lot = lots.get(event.grantId());
        if (event.reservationId() == null) {
            lot.revoke(event.revocationId(), event.basis(), event.cause(), event.charge(), event.amount(),
                    event.writtenOff(), event.pending());
            revokedByBasis.merge(event.basis(), event.amount() + event.writtenOff() + event.pending(), Long::sum);
        } else {
            lot.settleOwed(event.amount(), event.writtenOff());
        }
        available = event.availableAfter();
    }

    @EventSourcingHandler
    void on(CreditsExpired event) {
        lots.get(event.grantId()).expire(event.amount());
        available = event.availableAfter();
    }

    /** The lots, in spending order. */
    List<CreditLot> lots() {
        return lots.values().stream().sorted(CreditLot.SPENDING_ORDER).toList();
    }

    private List<LotShare> holdInSpendingOrder(long amount) {
        List<LotShare> shares = new ArrayList<>();
        long wanted = amount;
        for (CreditLot lot : lots()) {
            if (wanted == 0) {
                break;
            }
            long taken = lot.hold(wanted);
            if (taken > 0) {
                shares.add(new LotShare(lot.grantId(), taken));
                wanted -= taken;
            }
        }
        return shares;
    }

    /** A capture spends the credits the reservation took first. */
    private void spend(String reservationId, long amount) {
        List<LotShare> shares = holdings.getOrDefault(reservationId, List.of());
        List<LotShare> left = new ArrayList<>();
        long toSpend = amount;
        for (LotShare share : shares) {
            long spent = Math.min(toSpend, share.amount());
            lots.get(share.grantId()).spend(spent);
            toSpend -= spent;
            if (share.amount() > spent) {
                left.add(new LotShare(share.grantId(), share.amount() - spent));
            }
        }
        holdings.put(reservationId, left);
    }

    /** What a reservation still holds goes back to the lots it came from; the reservation is over. */
    private void giveBack(String reservationId) {
        for (LotShare share : holdings.getOrDefault(reservationId, List.of())) {
            lots.get(share.grantId()).unhold(share.amount());
        }
        holdings.remove(reservationId);
    }
}
