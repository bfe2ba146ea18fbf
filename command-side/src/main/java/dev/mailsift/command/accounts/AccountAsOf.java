package dev.mailsift.command.accounts;

import dev.mailsift.api.user.CreditReservationExpired;
import dev.mailsift.api.user.CreditReservationRejected;
import dev.mailsift.api.user.CreditsCaptured;
import dev.mailsift.api.user.CreditsGranted;
import dev.mailsift.api.user.CreditsReleased;
import dev.mailsift.api.user.CreditsExpired;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.CreditsRevoked;
import dev.mailsift.api.user.EmailConfirmed;
import dev.mailsift.api.user.RoleChanged;
import dev.mailsift.api.user.SpendingRefusal;
import dev.mailsift.api.user.UserReinstated;
import dev.mailsift.api.user.UserRegistered;
import dev.mailsift.api.user.UserRole;
import dev.mailsift.api.user.UserSuspended;

/**
 * An account folded from its events in order, by the {@link User} aggregate's own members ({@link CreditBalance},
 * {@link AccountAccess}) and their event-sourcing handlers: the auditors' "as it was then" follows the same rules as
 * the account itself. Feed it the events up to an instant, then read it. Events it does not know are passed over.
 */
public final class AccountAsOf {

    private CreditBalance credits;
    private AccountAccess access;

    public void apply(Object event) {
        switch (event) {
            case UserRegistered registered -> {
                credits = new CreditBalance(registered.userId());
                access = new AccountAccess(registered.userId(), registered.email(), registered.role(),
                        registered.emailConfirmed());
            }
            case CreditsGranted e when credits != null -> credits.on(e);
            case CreditsReserved e when credits != null -> credits.on(e);
            case CreditReservationRejected e when credits != null -> credits.on(e);
            case CreditsCaptured e when credits != null -> credits.on(e);
            case CreditsReleased e when credits != null -> credits.on(e);
            case CreditReservationExpired e when credits != null -> credits.on(e);
            case CreditsRevoked e when credits != null -> credits.on(e);
            case CreditsExpired e when credits != null -> credits.on(e);
            case EmailConfirmed e when access != null -> access.on(e);
            case UserSuspended e when access != null -> access.on(e);
            case UserReinstated e when access != null -> access.on(e);
            case RoleChanged e when access != null -> access.on(e);
            default -> {
            }
        }
    }

    /** Whether the account existed yet. */
    public boolean opened() {
        return credits != null;
    }

    public long creditsAvailable() {
        return credits.available();
    }

    public long creditsReserved() {
        return credits.reserved();
    }

    public UserRole role() {
        return access.role();
    }

    /** {@code ACTIVE}, {@code UNCONFIRMED} or {@code SUSPENDED}: the account's standing by its own rule. */
    public String standing() {
        SpendingRefusal refusal = access.spendingRefusal();
        if (refusal == null) {
            return "ACTIVE";
        }
        return refusal == SpendingRefusal.ACCOUNT_SUSPENDED ? "SUSPENDED" : "UNCONFIRMED";
    }
}
