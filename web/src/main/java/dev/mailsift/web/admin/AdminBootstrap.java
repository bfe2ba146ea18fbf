package dev.mailsift.web.admin;

import dev.mailsift.api.user.Credentials;
import dev.mailsift.api.user.FindCredentialsByEmail;
import dev.mailsift.api.user.RegisterUser;
import dev.mailsift.api.user.UserRole;
import dev.mailsift.command.accounts.EmailAlreadyRegisteredException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.mailsift.web.accounts.EmailAddresses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * Opens the operator account named by {@code MAILSIFT_ADMIN_EMAIL} / {@code MAILSIFT_ADMIN_PASSWORD} on first
 * start. Idempotent: an existing account is left as it is, whichever node started first.
 */
@Component
class AdminBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final PasswordEncoder passwords;
    private final String email;
    private final String password;

    AdminBootstrap(CommandGateway commands, QueryGateway queries, PasswordEncoder passwords,
                   @Value("${mailsift.admin.email:}") String email,
                   @Value("${mailsift.admin.password:}") String password) {
        this.commands = commands;
        this.queries = queries;
        this.passwords = passwords;
        // the same spelling sign-up stores; an address without one is refused at start-up
        this.email = email.isBlank() ? "" : EmailAddresses.normalised(email);
        this.password = password;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensureOperatorAccount() {
        if (email.isEmpty() || password.isEmpty()) {
            log.info("No operator account configured (set MAILSIFT_ADMIN_EMAIL and MAILSIFT_ADMIN_PASSWORD).");
            return;
        }
        Optional<Credentials> existing = queries.query(new FindCredentialsByEmail(email),
                ResponseTypes.optionalInstanceOf(Credentials.class)).join();
        if (existing.isPresent()) {
            if (existing.get().role() != UserRole.ADMIN) {
                log.warn("MAILSIFT_ADMIN_EMAIL {} belongs to an ordinary account; it was not promoted.", email);
            } else {
                log.info("Operator account {} is present.", email);
            }
            return;
        }
        try {
            commands.sendAndWait(new RegisterUser(UUID.randomUUID().toString(), email, passwords.encode(password),
                    UserRole.ADMIN));
            log.info("Operator account {} created.", email);
        } catch (EmailAlreadyRegisteredException raceWithAnotherNode) {
            log.info("Operator account {} was created by another node.", email);
        }
    }
}
