package dev.mailsift.command.accounts;

import dev.mailsift.api.user.SpendingRefusal;
import dev.mailsift.api.user.ChangePassword;
import dev.mailsift.api.user.ChangeRole;
import dev.mailsift.api.user.RoleChanged;
import dev.mailsift.api.user.ConfirmEmail;
import dev.mailsift.api.user.EmailConfirmationIssued;
import dev.mailsift.api.user.EmailConfirmed;
import dev.mailsift.api.user.ExternalIdentityLinked;
import dev.mailsift.api.user.LinkExternalIdentity;
import dev.mailsift.api.user.IssueEmailConfirmation;
import dev.mailsift.api.user.PasswordChangeReason;
import dev.mailsift.api.user.PasswordChanged;
import dev.mailsift.api.user.PasswordResetRequested;
import dev.mailsift.api.user.ReinstateUser;
import dev.mailsift.api.user.RequestPasswordReset;
import dev.mailsift.api.user.ResetPassword;
import dev.mailsift.api.user.SuspendUser;
import dev.mailsift.api.user.UserReinstated;
import dev.mailsift.api.user.UserRole;
import dev.mailsift.api.user.UserSuspended;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.mailsift.command.RejectedCommandException.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * How a user gets in, as a member of the {@link User} aggregate: the sign-up address confirmation, password
 * changes and resets by mailed code, and the operator's suspension. Codes arrive as keyed hashes made at the edge;
 * this class compares them, enforces expiry, single use and how often codes may be mailed.
 */
public class AccountAccess {

    /** A code may be mailed at most this often per purpose... */
    static final Duration CODE_SPACING = Duration.ofSeconds(60);
    /** ...and at most {@link #MAX_CODES_PER_WINDOW} times in this window. */
    static final Duration CODE_WINDOW = Duration.ofHours(24);
    static final int MAX_CODES_PER_WINDOW = 5;
    /** The longest a mailed code may live. */
    static final Duration MAX_CODE_LIFETIME = Duration.ofDays(2);
    static final int MAX_REASON_LENGTH = 500;

    private String userId;
    private String email;
    private boolean emailConfirmed;
    private boolean suspended;
    private UserRole role;
    private PendingCode confirmation;
    private PendingCode passwordReset;
    private final List<Instant> confirmationsSent = new ArrayList<>();
    private final List<Instant> resetsSent = new ArrayList<>();
    private final java.util.Set<String> linkedIdentities = new java.util.HashSet<>();

    AccountAccess() {
    }

    AccountAccess(String userId, String email, UserRole role, boolean emailConfirmed) {
        this.userId = userId;
        this.email = email;
        this.role = role;
        this.emailConfirmed = emailConfirmed;
    }

    // --- email confirmation -------------------------------------------------------------------------------

    /** Answers whether a code was issued: a confirmed address needs none. */
    @CommandHandler
    public boolean handle(IssueEmailConfirmation command, Clock clock) {
        if (emailConfirmed) {
            return false;
        }
        Instant now = clock.instant();
        requireCode(command.codeHash(), command.expiresAt(), now);
        checkCodeLimit(confirmationsSent, now);
        apply(new EmailConfirmationIssued(userId, email, command.codeHash(), command.expiresAt(), now));
        return true;
    }

    /** The latest code confirms, once; repeating the code that confirmed the address succeeds again. */
    @CommandHandler
    public void handle(ConfirmEmail command, Clock clock) {
        Instant now = clock.instant();
        if (confirmation == null || !confirmation.matches(command.codeHash())) {
            throw new InvalidCodeException();
        }
        if (emailConfirmed) {
            return;
        }
        if (!confirmation.expiresAt().isAfter(now)) {
            throw new InvalidCodeException();
        }
        apply(new EmailConfirmed(userId, email, now));
    }

    // --- sign-in providers ---------------------------------------------------------------------------------

    /**
     * Links a provider identity whose verified address is this account's; answers whether anything changed. A
     * verified address from the provider confirms the account's address too.
     */
    @CommandHandler
    public boolean handle(LinkExternalIdentity command, Clock clock) {
        requireText(command.provider(), "provider");
        requireText(command.subject(), "subject");
        if (command.email() == null || !command.email().strip().equalsIgnoreCase(email)) {
            throw new RejectedCommandException("the provider's verified address is not this account's");
        }
        String identity = command.provider() + ":" + command.subject();
        boolean changed = false;
        Instant now = clock.instant();
        if (!linkedIdentities.contains(identity)) {
            apply(new ExternalIdentityLinked(userId, command.provider(), command.subject(), email, now));
            changed = true;
        }
        if (!emailConfirmed) {
            apply(new EmailConfirmed(userId, email, now));
            changed = true;
        }
        return changed;
    }

    @EventSourcingHandler
    void on(ExternalIdentityLinked event) {
        linkedIdentities.add(event.provider() + ":" + event.subject());
    }

    // --- passwords ----------------------------------------------------------------------------------------

    @CommandHandler
    public void handle(RequestPasswordReset command, Clock clock) {
        Instant now = clock.instant();
        requireCode(command.codeHash(), command.expiresAt(), now);
        checkCodeLimit(resetsSent, now);
        apply(new PasswordResetRequested(userId, email, command.codeHash(), command.expiresAt(), now));
    }

    /** Only the latest code works, once, before it expires. */
    @CommandHandler
    public void handle(ResetPassword command, Clock clock) {
        Instant now = clock.instant();
        requireText(command.newPasswordHash(), "newPasswordHash");
        if (passwordReset == null || !passwordReset.matches(command.codeHash())
                || !passwordReset.expiresAt().isAfter(now)) {
            throw new InvalidCodeException();
        }
        apply(new PasswordChanged(userId, command.newPasswordHash(), PasswordChangeReason.RESET, now));
    }

    @CommandHandler
    public void handle(ChangePassword command, Clock clock) {
        requireText(command.newPasswordHash(), "newPasswordHash");
        apply(new PasswordChanged(userId, command.newPasswordHash(), PasswordChangeReason.CHANGED, clock.instant()));
    }

    /**
     * Why the account may not spend credits, or null: only a confirmed, unsuspended account may (the operator
     * bootstrap account counts as confirmed from its registration).
     */
    SpendingRefusal spendingRefusal() {
        if (suspended) {
            return SpendingRefusal.ACCOUNT_SUSPENDED;
        }
        return emailConfirmed ? null : SpendingRefusal.EMAIL_NOT_CONFIRMED;
    }

    // --- the kill switch ----------------------------------------------------------------------------------

    /** Answers whether anything changed: suspending a suspended account does nothing. */
    @CommandHandler
    public boolean handle(SuspendUser command, Clock clock) {
        String reason = command.reason() == null ? "" : command.reason().strip();
        if (reason.length() > MAX_REASON_LENGTH) {
            throw new RejectedCommandException("reason must be at most " + MAX_REASON_LENGTH + " characters");
        }
        if (suspended) {
            return false;
        }
        apply(new UserSuspended(userId, reason, clock.instant()));
        return true;
    }

    @CommandHandler
    public boolean handle(ReinstateUser command, Clock clock) {
        if (!suspended) {
            return false;
        }
        apply(new UserReinstated(userId, clock.instant()));
        return true;
    }

    UserRole role() {
        return role;
    }

    boolean suspended() {
        return suspended;
    }

    // --- the auditor role ---------------------------------------------------------------------------------

    /**
     * Grants or revokes the auditor role; answers whether anything changed. Operators are made by the deployment's
     * configuration, not here: an operator's role does not change, and no one is made an operator.
     */
    @CommandHandler
    public boolean handle(ChangeRole command, Clock clock) {
        if (command.role() != UserRole.AUDITOR && command.role() != UserRole.USER) {
            throw new RejectedCommandException("role must be AUDITOR or USER");
        }
        if (role == UserRole.ADMIN) {
            throw new RejectedCommandException("an operator's role does not change");
        }
        if (role == command.role()) {
            return false;
        }
        apply(new RoleChanged(userId, command.role(), role, clock.instant()));
        return true;
    }

    @EventSourcingHandler
    void on(RoleChanged event) {
        this.role = event.role();
    }

    // --- state --------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(EmailConfirmationIssued event) {
        this.confirmation = new PendingCode(event.codeHash(), event.expiresAt());
        remember(confirmationsSent, event.issuedAt());
    }

    @EventSourcingHandler
    void on(EmailConfirmed event) {
        this.emailConfirmed = true;
    }

    @EventSourcingHandler
    void on(PasswordResetRequested event) {
        this.passwordReset = new PendingCode(event.codeHash(), event.expiresAt());
        remember(resetsSent, event.requestedAt());
    }

    @EventSourcingHandler
    void on(PasswordChanged event) {
        // A reset code is single-use, and any password change makes an outstanding one worthless.
        this.passwordReset = null;
    }

    @EventSourcingHandler
    void on(UserSuspended event) {
        this.suspended = true;
    }

    @EventSourcingHandler
    void on(UserReinstated event) {
        this.suspended = false;
    }

    private static void remember(List<Instant> sent, Instant at) {
        sent.removeIf(earlier -> earlier.isBefore(at.minus(CODE_WINDOW)));
        sent.add(at);
    }

    private static void checkCodeLimit(List<Instant> sent, Instant now) {
        List<Instant> recent = sent.stream().filter(at -> at.isAfter(now.minus(CODE_WINDOW))).sorted().toList();
        if (!recent.isEmpty()) {
            Instant last = recent.get(recent.size() - 1);
            if (last.plus(CODE_SPACING).isAfter(now)) {
                throw new CodeLimitReachedException(Duration.between(now, last.plus(CODE_SPACING)));
            }
        }
        if (recent.size() >= MAX_CODES_PER_WINDOW) {
            throw new CodeLimitReachedException(Duration.between(now, recent.get(0).plus(CODE_WINDOW)));
        }
    }

    private static void requireCode(String codeHash, Instant expiresAt, Instant now) {
        requireText(codeHash, "codeHash");
        if (expiresAt == null || !expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_CODE_LIFETIME))) {
            throw new RejectedCommandException("expiresAt must be in the next " + MAX_CODE_LIFETIME.toHours()
                    + " hours");
        }
    }

    /** A mailed code's keyed hash and when it stops working. */
    record PendingCode(String codeHash, Instant expiresAt) {
        boolean matches(String candidate) {
            return candidate != null && MessageDigest.isEqual(codeHash.getBytes(StandardCharsets.UTF_8),
                    candidate.getBytes(StandardCharsets.UTF_8));
        }
    }
}
