package dev.mailsift.web.security;

import dev.mailsift.api.user.FindTotp;
import dev.mailsift.api.user.TotpCredentials;
import dev.mailsift.api.user.UseRecoveryCode;
import dev.mailsift.command.user.InvalidCodeException;
import dev.mailsift.query.access.TotpProjection;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** The second factor at sign-in: a TOTP code (each 30-second step once) or a one-time recovery code. */
@Component
public class TwoFactorSignIn {

    static final String RECOVERY = "recovery-code";

    private final QueryGateway queries;
    private final CommandGateway commands;
    private final TotpProjection totps;
    private final SecretBox secrets;
    private final OneTimeCodes codes;
    private final Clock clock;

    TwoFactorSignIn(QueryGateway queries, CommandGateway commands, TotpProjection totps, SecretBox secrets,
                    OneTimeCodes codes, Clock clock) {
        this.queries = queries;
        this.commands = commands;
        this.totps = totps;
        this.secrets = secrets;
        this.codes = codes;
        this.clock = clock;
    }

    /** @throws TotpRequiredException when two-factor is on and {@code code} is missing or wrong */
    public void check(String userId, String code) {
        Optional<TotpCredentials> totp = queries.query(new FindTotp(userId),
                ResponseTypes.optionalInstanceOf(TotpCredentials.class)).join();
        if (totp.isEmpty()) {
            return;
        }
        if (code == null || code.isBlank()) {
            throw new TotpRequiredException("This account needs a two-factor code: send it as totp.");
        }
        String secret = secrets.open(userId, totp.get().encryptedSecret());
        OptionalLong step = Totp.verify(secret, code, clock.instant());
        if (step.isPresent()) {
            if (!totps.claimStep(userId, step.getAsLong())) {
                throw new TotpRequiredException("That code was used already; wait for the next one.");
            }
            return;
        }
        try {
            commands.sendAndWait(AccessCodes.as("user:" + userId,
                    new UseRecoveryCode(userId, recoveryHash(userId, code))));
        } catch (InvalidCodeException e) {
            throw new TotpRequiredException("The two-factor code is wrong.");
        }
    }

    /** Recovery codes are compared without case, spaces or dashes. */
    public String recoveryHash(String userId, String code) {
        String normalized = code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        return codes.hash(RECOVERY, userId, normalized);
    }
}
