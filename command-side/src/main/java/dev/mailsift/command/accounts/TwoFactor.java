package dev.mailsift.command.accounts;

import dev.mailsift.api.user.DisableTotp;
import dev.mailsift.api.user.EnableTotp;
import dev.mailsift.api.user.RecoveryCodeUsed;
import dev.mailsift.api.user.TotpDisabled;
import dev.mailsift.api.user.TotpEnabled;
import dev.mailsift.api.user.UseRecoveryCode;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Two-factor sign-in (RFC 6238 TOTP), as a member of the {@link User} aggregate: whether it is on, and which
 * one-time recovery codes are still unspent. The TOTP codes themselves are checked at the edge, against the
 * encrypted secret in the read model.
 */
public class TwoFactor {

    static final int RECOVERY_CODES = 10;

    private String userId;
    private boolean enabled;
    private final List<String> unspentRecoveryCodes = new ArrayList<>();

    TwoFactor() {
    }

    TwoFactor(String userId) {
        this.userId = userId;
    }

    @CommandHandler
    public void handle(EnableTotp command, Clock clock) {
        if (enabled) {
            throw new RejectedCommandException("two-factor sign-in is already on; turn it off first");
        }
        if (command.encryptedSecret() == null || command.encryptedSecret().isBlank()) {
            throw new RejectedCommandException("encryptedSecret is required");
        }
        List<String> codes = command.recoveryCodeHashes() == null ? List.of() : command.recoveryCodeHashes();
        if (codes.size() != RECOVERY_CODES || codes.stream().distinct().count() != RECOVERY_CODES) {
            throw new RejectedCommandException(RECOVERY_CODES + " distinct recovery codes are required");
        }
        apply(new TotpEnabled(userId, command.encryptedSecret(), List.copyOf(codes), clock.instant()));
    }

    /** Answers whether anything changed. */
    @CommandHandler
    public boolean handle(DisableTotp command, Clock clock) {
        if (!enabled) {
            return false;
        }
        apply(new TotpDisabled(userId, clock.instant()));
        return true;
    }

    @CommandHandler
    public void handle(UseRecoveryCode command, Clock clock) {
        if (!enabled || command.codeHash() == null || !unspentRecoveryCodes.contains(command.codeHash())) {
            throw new InvalidCodeException();
        }
        apply(new RecoveryCodeUsed(userId, command.codeHash(), unspentRecoveryCodes.size() - 1, clock.instant()));
    }

    @EventSourcingHandler
    void on(TotpEnabled event) {
        this.enabled = true;
        unspentRecoveryCodes.clear();
        unspentRecoveryCodes.addAll(event.recoveryCodeHashes());
    }

    @EventSourcingHandler
    void on(TotpDisabled event) {
        this.enabled = false;
        unspentRecoveryCodes.clear();
    }

    @EventSourcingHandler
    void on(RecoveryCodeUsed event) {
        unspentRecoveryCodes.remove(event.codeHash());
    }
}
