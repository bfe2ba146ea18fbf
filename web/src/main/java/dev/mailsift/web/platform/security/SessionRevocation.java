package dev.mailsift.web.platform.security;

import dev.mailsift.query.accounts.access.UserStatusProjection;
import dev.mailsift.api.user.PasswordChanged;
import dev.mailsift.api.user.UserSuspended;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Ends a user's dashboard sessions when their password changes or an operator suspends them. Runs in the
 * subscribing {@code access} processor, inside the transaction that appends the event.
 */
@Component
@ProcessingGroup(UserStatusProjection.PROCESSING_GROUP)
class SessionRevocation {

    private final RefreshTokens refreshTokens;

    SessionRevocation(RefreshTokens refreshTokens) {
        this.refreshTokens = refreshTokens;
    }

    @EventHandler
    void on(PasswordChanged event) {
        refreshTokens.revokeAll(event.userId());
    }

    @EventHandler
    void on(UserSuspended event) {
        refreshTokens.revokeAll(event.userId());
    }
}
