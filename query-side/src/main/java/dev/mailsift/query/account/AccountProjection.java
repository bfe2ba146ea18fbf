package dev.mailsift.query.account;

import dev.mailsift.api.user.AccountView;
import dev.mailsift.api.user.CreditsGranted;
import dev.mailsift.api.user.FindAccount;
import dev.mailsift.api.user.UserRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

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
    void on(CreditsGranted event) {
        accounts.findById(event.userId()).ifPresent(account -> {
            account.creditsAvailable(event.availableAfter(), event.grantedAt());
            emit(account.toView());
        });
    }

    @ResetHandler
    void onReset() {
        accounts.deleteAllInBatch();
    }

    @QueryHandler
    AccountView handle(FindAccount query) {
        return accounts.findById(query.userId()).map(AccountEntity::toView).orElse(null);
    }

    private void emit(AccountView view) {
        updates.emit(FindAccount.class, query -> query.userId().equals(view.id()), view);
    }
}
