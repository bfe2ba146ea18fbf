package dev.mailsift.web.accounts;

import dev.mailsift.web.platform.security.OneTimeCodes;
import dev.mailsift.web.platform.security.SecretBox;
import dev.mailsift.api.user.FindTotp;
import dev.mailsift.api.user.TotpCredentials;
import dev.mailsift.api.user.UseRecoveryCode;
import dev.mailsift.command.accounts.InvalidCodeException;
import dev.mailsift.query.accounts.access.TotpProjection;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** The second factor at sign-in: a TOTP code (each 30-second step once) or a one-time recovery code. */
@Component
public class TwoFactorSignIn {

    private static final Logger log = LoggerFactory.getLogger(TwoFactorSignIn.class);

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

    /** Whether the account has two-factor sign-in on. */
    public boolean isOn(String userId) {
        return totp(userId).isPresent();
    }

    private Optional<TotpCredentials> totp(String userId) {
        return queries.query(new FindTotp(userId), ResponseTypes.optionalInstanceOf(TotpCredentials.class)).join();
    }

    /** @throws TotpRequiredException when two-factor is on and {@code code} is missing or wrong */
    public void check(String userId, String code) {
        Optional<TotpCredentials> totp = totp(userId);
        if (totp.isEmpty()) {
            return;
        }
        if (code == null || code.isBlank()) {
            throw new TotpRequiredException("This account needs a two-factor code: send it as totp.");
        }
        OptionalLong step = verifyTotp(userId, totp.get().encryptedSecret(), code);
        if (step.isPresent()) {
            if (!totps.claimStep(userId, step.getAsLong())) {
                throw new TotpRequiredException("That code was used already; wait for the next one.");
            }
            return;
        }
        // Recovery codes were hashed under the secret current at enrolment, which may since have been rotated.
        for (String hash : codes.hashesUnderEverySecret(RECOVERY, userId, normalizedRecoveryCode(code))) {
            try {
                commands.sendAndWait(AccessCodes.as("user:" + userId, new UseRecoveryCode(userId, hash)));
                return;
            } catch (InvalidCodeException notThisOne) {
                // a failed attempt changes nothing: try the next secret's hash
            }
        }
        throw new TotpRequiredException("The two-factor code is wrong.");
    }

    /** The step {@code code} is valid for; none when no known secret opens the TOTP secret (recovery codes may). */
    private OptionalLong verifyTotp(String userId, String sealedSecret, String code) {
        String secret;
        try {
            secret = secrets.open(userId, sealedSecret);
        } catch (IllegalStateException e) {
            log.error("The TOTP secret of user {} cannot be opened: it was sealed under a service secret that is "
                    + "neither MAILSIFT_JWT_SECRET nor listed in MAILSIFT_JWT_PREVIOUS_SECRETS", userId);
            return OptionalLong.empty();
        }
        return Totp.verify(secret, code, clock.instant());
    }

    /** Recovery codes are compared without case, spaces or dashes. */
    public String recoveryHash(String userId, String code) {
        return codes.hash(RECOVERY, userId, normalizedRecoveryCode(code));
    }

    private static String normalizedRecoveryCode(String code) {
        return code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
