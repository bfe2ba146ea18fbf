package dev.mailsift.web.billing;

import com.stripe.model.checkout.Session;
import dev.mailsift.api.billing.RecordPackPurchase;
import dev.mailsift.command.billing.BillingCustomers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Turns Stripe's record of a paid pack checkout into a {@code PackPurchased} event, once: the one path for a
 * webhook delivery and for a customer returning to the success page (Stripe's guidance, so that a lost webhook
 * never leaves a paid customer without credits). The credits follow from the event (command-side {@code PaidPurchaseGrants}).
 */
@Component
class CheckoutFulfilment {

    /** What a report of a checkout came to. */
    enum Outcome {
        /** The purchase is recorded now; its credits follow. */
        RECORDED,
        /** The purchase was recorded by an earlier report. */
        ALREADY_RECORDED,
        /** Not paid (yet): an asynchronous payment reports again when it succeeds. */
        NOT_PAID,
        /** Not a pack checkout of one of our accounts: nothing is granted, the report is kept for an operator. */
        UNKNOWN_ACCOUNT
    }

    private final BillingCustomers customers;
    private final CommandGateway commands;

    CheckoutFulfilment(BillingCustomers customers, CommandGateway commands) {
        this.customers = customers;
        this.commands = commands;
    }

    /** @param session Stripe's current record of the session, fetched by id */
    Outcome fulfil(Session session) {
        Optional<CheckoutMetadata> metadata = CheckoutMetadata.of(session);
        String customerId = session.getCustomer();
        if (!"payment".equals(session.getMode()) || metadata.isEmpty() || customerId == null
                || !customers.accountOf(customerId).equals(Optional.of(metadata.get().userId()))) {
            return Outcome.UNKNOWN_ACCOUNT;
        }
        if (!"paid".equals(session.getPaymentStatus())) {
            return Outcome.NOT_PAID;
        }
        CheckoutMetadata bought = metadata.get();
        long amount = session.getAmountTotal() == null ? 0 : session.getAmountTotal();
        Boolean first = ConflictRetry.send(() -> commands.sendAndWait(new RecordPackPurchase(customerId,
                bought.userId(), session.getId(), bought.packId(), bought.credits(), amount, session.getCurrency())));
        return Boolean.TRUE.equals(first) ? Outcome.RECORDED : Outcome.ALREADY_RECORDED;
    }
}
