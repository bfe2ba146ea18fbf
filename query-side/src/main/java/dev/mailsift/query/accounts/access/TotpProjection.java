package dev.mailsift.query.accounts.access;

import dev.mailsift.api.user.FindTotp;
import dev.mailsift.api.user.TotpCredentials;
import dev.mailsift.api.user.TotpDisabled;
import dev.mailsift.api.user.TotpEnabled;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/** Two-factor sign-in settings in {@code user_totp}, kept in the subscribing {@code access} processor. */
@Component
@ProcessingGroup(UserStatusProjection.PROCESSING_GROUP)
public class TotpProjection {

    private final TotpRepository totps;
    private final TotpStepRepository steps;

    TotpProjection(TotpRepository totps, TotpStepRepository steps) {
        this.totps = totps;
        this.steps = steps;
    }

    /** Empties the read model before it is rebuilt from the events; the steps already used are kept apart. */
    @ResetHandler
    void reset() {
        totps.deleteAllInBatch();
    }

    @EventHandler
    void on(TotpEnabled event) {
        totps.save(new TotpEntity(event.userId(), event.encryptedSecret(), event.enabledAt()));
    }

    @EventHandler
    void on(TotpDisabled event) {
        totps.deleteById(event.userId());
    }

    @QueryHandler
    TotpCredentials handle(FindTotp query) {
        return query.userId() == null ? null
                : totps.findById(query.userId()).map(TotpEntity::toCredentials).orElse(null);
    }

    /**
     * Accepts a TOTP time step for a user at most once, so an observed code cannot be replayed within its window.
     * Operational state written by the edge, like an API key's last use, and kept apart from the read model.
     */
    public boolean claimStep(String userId, long step) {
        if (steps.advance(userId, step) == 1) {
            return true;
        }
        if (steps.existsById(userId)) {
            return false; // this step or a later one was accepted already
        }
        try {
            steps.saveAndFlush(new TotpStepEntity(userId, step));
            return true;
        } catch (DataIntegrityViolationException claimedByAnotherRequest) {
            return false; // a sign-in at the same moment took a step first: this code waits for the next one
        }
    }
}
