package dev.mailsift.command.billing;

import dev.mailsift.api.user.CreditSource;
import dev.mailsift.api.user.EmailConfirmed;
import dev.mailsift.api.user.GrantCredits;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The trial credits: an account whose address is confirmed gets {@code mailsift.billing.sign-up-credits} once, as
 * a grant like any other, so a new user can try the service before paying. "Once" is the grant id, derived from
 * the account: the {@code User} aggregate applies a grant id a single time, however often this handler runs.
 *
 * <p>Runs on its own streaming processor, after the confirmation is committed; the processor starts at the head of
 * the event store ({@link BillingProcessingConfig}), so accounts confirmed before the service granted trial
 * credits get none retroactively.
 */
@Component
@ProcessingGroup(BillingProcessingConfig.PROCESSING_GROUP)
class SignUpCredits {


    private final CommandGateway commands;
    private final long credits;

    SignUpCredits(CommandGateway commands, @Value("${mailsift.billing.sign-up-credits}") long credits) {
        this.commands = commands;
        this.credits = credits;
    }

    @EventHandler
    @DisallowReplay
    void on(EmailConfirmed event) {
        if (credits > 0) {
            commands.sendAndWait(new GrantCredits(event.userId(), grantId(event.userId()), credits,
                    "sign-up credits", CreditSource.SIGN_UP));
        }
    }

    static String grantId(String userId) {
        return "sign-up/" + userId;
    }
}
