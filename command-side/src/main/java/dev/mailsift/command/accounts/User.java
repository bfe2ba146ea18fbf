package dev.mailsift.command.accounts;

import org.axonframework.deadline.DeadlineManager;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.RegisterUser;
import dev.mailsift.api.user.UserRegistered;
import dev.mailsift.api.user.SpendingRefusal;
import dev.mailsift.api.user.UserRole;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.Locale;

import static dev.mailsift.command.RejectedCommandException.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Identity and money of one customer; the money lives in its {@link CreditBalance} member. Command handlers
 * validate, then apply; event-sourcing handlers only set state.
 */
@Aggregate(snapshotTriggerDefinition = "userSnapshotTrigger", snapshotFilter = "userSnapshotFilter")
@Revision(User.STATE_REVISION)
public class User {

    /**
     * The revision of the account's snapshots: raised whenever its state gains a field that older snapshots lack
     * ("2": the role, kept since roles can change; "3": the balance's lots; "4": the avatar's blob key), so that
     * {@link UserSnapshotConfig} passes the older ones over.
     */
    static final String STATE_REVISION = "4";

    /** Longest address we accept (RFC 5321 path limit). */
    static final int MAX_EMAIL_LENGTH = 254;

    @AggregateIdentifier
    private String userId;
    @AggregateMember
    private CreditBalance credits;

    // --- access and standing (accounts & security) ---
    @AggregateMember
    private ApiKeys apiKeys;
    @AggregateMember
    private AccountAccess access;
    @AggregateMember
    private TwoFactor twoFactor;
    @AggregateMember
    private Profile profile;

    protected User() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public User(RegisterUser command, EmailRegistry emailRegistry, Clock clock) {
        requireText(command.userId(), "userId");
        String email = normalizeEmail(command.email());
        requireText(command.passwordHash(), "passwordHash");
        emailRegistry.claim(email, command.userId());
        UserRole role = command.role() == null ? UserRole.USER : command.role();
        // The operator account is opened from the deployment's own configuration: its address counts as confirmed.
        apply(new UserRegistered(command.userId(), email, command.passwordHash(), role, clock.instant(),
                role == UserRole.ADMIN));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        this.userId = event.userId();
        this.credits = new CreditBalance(event.userId());
        this.apiKeys = new ApiKeys(event.userId());
        this.access = new AccountAccess(event.userId(), event.email(), event.role(), event.emailConfirmed());
        this.twoFactor = new TwoFactor(event.userId());
        this.profile = new Profile(event.userId());
    }

    /** Deadlines reach the aggregate root; the balance decides. */
    @DeadlineHandler(deadlineName = CreditBalance.HOLD_DEADLINE)
    void on(CreditHoldExpiry expiry, Clock clock) {
        credits.expire(expiry, clock);
    }

    /** A grant's credits lapse at its expiry; the balance decides what is left to lapse. */
    @DeadlineHandler(deadlineName = CreditBalance.LOT_EXPIRY_DEADLINE)
    void on(CreditLotExpiry expiry, Clock clock) {
        credits.expire(expiry, clock);
    }

    // --- standing: whether the account may spend credits (kept by AccountAccess) ---

    /** The balance decides the reservation; the account's standing may refuse it first. */
    @CommandHandler
    public boolean handle(ReserveCredits command, Clock clock, DeadlineManager deadlines) {
        return credits.reserve(command, access.spendingRefusal(), clock, deadlines);
    }

    /** The account's balance as its events left it (its lots included). */
    CreditBalance credits() {
        return credits;
    }

    /** Only a confirmed, unsuspended account may reserve credits (or start anything that costs them). */
    boolean maySpend() {
        return spendingBlockedBy() == null;
    }

    /** Why spending is refused, or null. */
    SpendingRefusal spendingBlockedBy() {
        return access.spendingRefusal();
    }

    /** Addresses are compared and stored lower-case: sign-in must not depend on how one typed the address. */
    static String normalizeEmail(String email) {
        requireText(email, "email");
        String trimmed = email.strip();
        int at = trimmed.lastIndexOf('@');
        if (trimmed.length() > MAX_EMAIL_LENGTH || at < 1 || at == trimmed.length() - 1) {
            throw new RejectedCommandException("email is not a valid address");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }
}
