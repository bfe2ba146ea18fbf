package dev.mailsift.command.billing;

import dev.mailsift.api.billing.PackPurchased;
import dev.mailsift.api.billing.SubscriptionPeriodPaid;
import dev.mailsift.api.user.CreditSource;
import dev.mailsift.api.user.GrantCredits;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * The credit ledger's grants for what was paid: a paid pack or subscription period becomes one
 * {@code GrantCredits} on the account, keyed by the checkout or invoice it paid for, so the {@code User} aggregate adds its credits once however often this runs (a
 * redelivery, a second node, a replay that slipped through). Its own streaming processor: a node that was down
 * catches up from the event store.
 */
@Component
@ProcessingGroup(BillingProcessingConfig.PROCESSING_GROUP)
public class PaidPurchaseGrants {


    private final CommandGateway commands;

    PaidPurchaseGrants(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    @DisallowReplay
    void on(PackPurchased event) {
        commands.sendAndWait(new GrantCredits(event.userId(), grantId(event.checkoutSessionId()), event.credits(),
                "credit pack " + event.packId(), CreditSource.PACK_PURCHASE));
    }

    @EventHandler
    @DisallowReplay
    void on(SubscriptionPeriodPaid event) {
        if (event.credits() == 0) {
            return; // a downgrade's invoice, or an upgrade's for a period already granted as much: nothing more
        }
        commands.sendAndWait(new GrantCredits(event.userId(), periodGrantId(event.invoiceId()), event.credits(),
                "plan " + event.planId() + ", period from " + event.periodStart(), CreditSource.SUBSCRIPTION_PERIOD,
                event.creditsExpireAt()));
    }

    /** The grant id of a paid pack: its checkout session's. Refunds of the pack's charge take back from it. */
    public static String grantId(String checkoutSessionId) {
        return "checkout/" + checkoutSessionId;
    }

    /** The grant id of a paid subscription period: its invoice's. */
    public static String periodGrantId(String invoiceId) {
        return "invoice/" + invoiceId;
    }
}
