package dev.mailsift.query.accounts.account;

import dev.mailsift.api.user.AccountView;
import dev.mailsift.api.user.CreditReservationExpired;
import dev.mailsift.api.user.CreditsRevoked;
import dev.mailsift.api.user.CreditsExpired;
import dev.mailsift.api.user.CreditsCaptured;
import dev.mailsift.api.user.CreditsGranted;
import dev.mailsift.api.user.RoleChanged;
import dev.mailsift.api.user.CreditsReleased;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.FindAccount;
import dev.mailsift.api.user.UserRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

import java.util.function.Consumer;

/**
 * Builds {@code account_view} from User events on a streaming processor, so it can be replayed from the start,
 * and pushes each change to subscribers of {@link FindAccount}.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
public class AccountProjection {

    public static final String PROCESSING_GROUP = "accounts";

    private final AccountRepository accounts;
    private final QueryUpdateEmitter updates;

    AccountProjection(AccountRepository accounts, QueryUpdateEmitter updates) {
        this.accounts = accounts;
        this.updates = updates;
    }

    @EventHandler
    void on(UserRegistered event) {
        if (!accounts.existsById(event.userId())) {
            AccountEntity account = accounts.save(
                    new AccountEntity(event.userId(), event.email(), event.role(), event.registeredAt()));
            emit(account.toView());
        }
    }

    @EventHandler
    void on(RoleChanged event) {
        change(event.userId(), account -> account.role(event.role(), event.changedAt()));
    }

    @EventHandler
    void on(CreditsGranted event) {
        change(event.userId(), account -> account.creditsAvailable(event.availableAfter(), event.grantedAt()));
    }

    @EventHandler
    void on(CreditsReserved event) {
        change(event.userId(), account -> {
            account.creditsAvailable(event.availableAfter(), event.reservedAt());
            account.creditsReserved(event.reservedAfter(), event.reservedAt());
        });
    }

    @EventHandler
    void on(CreditsCaptured event) {
        change(event.userId(), account -> account.creditsReserved(event.reservedAfter(), event.capturedAt()));
    }

    @EventHandler
    void on(CreditsReleased event) {
        change(event.userId(), account -> {
            account.creditsAvailable(event.availableAfter(), event.releasedAt());
            account.creditsReserved(event.reservedAfter(), event.releasedAt());
        });
    }

    @EventHandler
    void on(CreditReservationExpired event) {
        change(event.userId(), account -> {
            account.creditsAvailable(event.availableAfter(), event.expiredAt());
            account.creditsReserved(event.reservedAfter(), event.expiredAt());
        });
    }

    @EventHandler
    void on(CreditsRevoked event) {
        change(event.userId(), account -> account.creditsAvailable(event.availableAfter(), event.revokedAt()));
    }

    @EventHandler
    void on(CreditsExpired event) {
        change(event.userId(), account -> account.creditsAvailable(event.availableAfter(), event.expiredAt()));
    }

    @ResetHandler
    void onReset() {
        accounts.deleteAllInBatch();
    }

    @QueryHandler
    AccountView handle(FindAccount query) {
        return accounts.findById(query.userId()).map(AccountEntity::toView).orElse(null);
    }

    private void change(String userId, Consumer<AccountEntity> change) {
        accounts.findById(userId).ifPresent(account -> {
            change.accept(account);
            emit(account.toView());
        });
    }

    private void emit(AccountView view) {
        updates.emit(FindAccount.class, query -> query.userId().equals(view.id()), view);
    }
}
