package dev.mailsift.command.user;

import dev.mailsift.api.user.CreditsGranted;
import dev.mailsift.api.user.GrantCredits;
import dev.mailsift.api.user.RegisterUser;
import dev.mailsift.api.user.UserRegistered;
import dev.mailsift.api.user.UserRole;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Identity and money of one customer. Command handlers validate, then apply; event-sourcing handlers only set state.
 */
@Aggregate(snapshotTriggerDefinition = "userSnapshotTrigger")
public class User {

    /** Longest address we accept (RFC 5321 path limit). */
    static final int MAX_EMAIL_LENGTH = 254;

    @AggregateIdentifier
    private String userId;
    private long creditsAvailable;
    private Set<String> appliedGrants = new HashSet<>();

    protected User() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public User(RegisterUser command, EmailRegistry emailRegistry, Clock clock) {
        requireText(command.userId(), "userId");
        String email = normalizeEmail(command.email());
        requireText(command.passwordHash(), "passwordHash");
        emailRegistry.claim(email, command.userId());
        apply(new UserRegistered(command.userId(), email, command.passwordHash(),
                command.role() == null ? UserRole.USER : command.role(), clock.instant()));
    }

    @CommandHandler
    public long handle(GrantCredits command, Clock clock) {
        if (command.amount() < 1) {
            throw new RejectedCommandException("amount must be at least 1");
        }
        requireText(command.grantId(), "grantId");
        if (appliedGrants.contains(command.grantId())) {
            return creditsAvailable;
        }
        long after = Math.addExact(creditsAvailable, command.amount());
        apply(new CreditsGranted(userId, command.grantId(), command.amount(), command.reason(), after, clock.instant()));
        return creditsAvailable;
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        this.userId = event.userId();
    }

    @EventSourcingHandler
    void on(CreditsGranted event) {
        this.creditsAvailable = event.availableAfter();
        this.appliedGrants.add(event.grantId());
    }

    /** Addresses are compared and stored lower-case: sign-in must not depend on how one typed the address. */
    static String normalizeEmail(String email) {
        requireText(email, "email");
        String trimmed = email.strip();
        int at = trimmed.lastIndexOf('@');
        if (trimmed.length() > MAX_EMAIL_LENGTH || at < 1 || at == trimmed.length() - 1) {
            throw new RejectedCommandException("email is not a valid address");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new RejectedCommandException(name + " is required");
        }
    }
}
