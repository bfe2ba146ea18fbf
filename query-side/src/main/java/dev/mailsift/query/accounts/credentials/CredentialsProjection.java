package dev.mailsift.query.accounts.credentials;

import dev.mailsift.api.user.Credentials;
import dev.mailsift.api.user.FindCredentialsByEmail;
import dev.mailsift.api.user.PasswordChanged;
import dev.mailsift.api.user.RoleChanged;
import dev.mailsift.api.user.UserRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * The sign-in lookup. Runs in a subscribing processor (configured in {@code web}), inside the transaction that
 * appends the event: a user who just signed up can sign in at once, with no eventual-consistency window.
 */
@Component
@ProcessingGroup(CredentialsProjection.PROCESSING_GROUP)
public class CredentialsProjection {

    public static final String PROCESSING_GROUP = "credentials";

    private final CredentialsRepository credentials;

    CredentialsProjection(CredentialsRepository credentials) {
        this.credentials = credentials;
    }

    @EventHandler
    void on(UserRegistered event) {
        credentials.save(new CredentialsEntity(event.email(), event.userId(), event.passwordHash(), event.role()));
    }

    @EventHandler
    void on(PasswordChanged event) {
        credentials.findByUserId(event.userId()).ifPresent(entry -> entry.passwordHash(event.passwordHash()));
    }

    @EventHandler
    void on(RoleChanged event) {
        credentials.findByUserId(event.userId()).ifPresent(entry -> entry.role(event.role()));
    }

    /** Empties the read model before it is rebuilt from the events (an operator's replay). */
    @ResetHandler
    void reset() {
        credentials.deleteAllInBatch();
    }

    @QueryHandler
    Credentials handle(FindCredentialsByEmail query) {
        if (query.email() == null) {
            return null;
        }
        return credentials.findById(query.email().strip().toLowerCase(Locale.ROOT))
                          .map(CredentialsEntity::toCredentials)
                          .orElse(null);
    }
}
