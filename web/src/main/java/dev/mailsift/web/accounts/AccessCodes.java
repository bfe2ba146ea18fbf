package dev.mailsift.web.accounts;

import dev.mailsift.web.platform.security.OneTimeCodes;
import dev.mailsift.web.platform.security.SecurityProperties;
import dev.mailsift.api.user.IssueEmailConfirmation;
import dev.mailsift.api.user.RequestPasswordReset;
import dev.mailsift.web.audit.AuditMetadata;
import dev.mailsift.web.platform.mail.TransactionalMail;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Makes a mailed code, records its keyed hash on the User aggregate, then mails the code itself. */
@Component
public class AccessCodes {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                                                                   .withZone(ZoneOffset.UTC);

    private final CommandGateway commands;
    private final OneTimeCodes codes;
    private final TransactionalMail mail;
    private final SecurityProperties properties;
    private final Clock clock;

    AccessCodes(CommandGateway commands, OneTimeCodes codes, TransactionalMail mail, SecurityProperties properties,
                Clock clock) {
        this.commands = commands;
        this.codes = codes;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Mails a confirmation code unless the address is confirmed already.
     *
     * @param actor who asks, for the audit trail
     * @throws dev.mailsift.command.accounts.CodeLimitReachedException when codes were sent too often
     */
    public void sendConfirmation(String userId, String email, String actor) {
        String code = codes.newCode();
        Instant expiresAt = clock.instant().plus(properties.confirmationCodeTtl()).truncatedTo(ChronoUnit.SECONDS);
        Boolean issued = commands.sendAndWait(as(actor, new IssueEmailConfirmation(userId,
                codes.hash(OneTimeCodes.CONFIRM_EMAIL, userId, code), expiresAt)));
        if (Boolean.TRUE.equals(issued)) {
            mail.send(email, "confirm-email", Map.of("code", code, "email", email,
                    "expires_at", WHEN.format(expiresAt)));
        }
    }

    /** Mails a password reset code. */
    public void sendPasswordReset(String userId, String email, String actor) {
        String code = codes.newCode();
        Instant expiresAt = clock.instant().plus(properties.resetCodeTtl()).truncatedTo(ChronoUnit.SECONDS);
        commands.sendAndWait(as(actor, new RequestPasswordReset(userId,
                codes.hash(OneTimeCodes.RESET_PASSWORD, userId, code), expiresAt)));
        mail.send(email, "password-reset", Map.of("code", code, "email", email,
                "expires_at", WHEN.format(expiresAt)));
    }

    public String hash(String purpose, String userId, String code) {
        return codes.hash(purpose, userId, code);
    }

    static Object as(String actor, Object command) {
        return actor == null ? command
                : GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(AuditMetadata.ACTOR, actor));
    }
}
