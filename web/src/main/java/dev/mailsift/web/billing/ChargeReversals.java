package dev.mailsift.web.billing;

import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Invoice;
import com.stripe.model.checkout.Session;
import dev.mailsift.api.user.RevocationCause;
import dev.mailsift.api.user.RevokeCredits;
import dev.mailsift.command.billing.BillingCustomers;
import dev.mailsift.command.billing.PaidPurchaseGrants;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Money that went back to the customer takes its credits back: a refunded charge (in full or in part) and a lost
 * dispute become one {@link RevokeCredits} on the account, for the grant the charge paid for. Works from Stripe's
 * current records, fetched by id: the charge's cumulative {@code amount_refunded} and the dispute's status, so that
 * deliveries in any order, any number of times, take back once (decision 0038).
 */
@Component
class ChargeReversals {

    /** What a report of a refund or a dispute came to. */
    enum Outcome {
        /** Sent to the account: it takes back what is still due, once. */
        TAKEN_BACK,
        /** Nothing to take back: nothing refunded yet, or a dispute that is open or won. */
        NOTHING_TO_TAKE,
        /** Not a charge for a purchase of one of our accounts: kept for an operator. */
        UNKNOWN_ACCOUNT
    }

    record Reversal(Outcome outcome, String detail) {
    }

    /** The account a charge paid for, and the grant it paid for. */
    private record PaidPurchase(String userId, String grantId) {
    }

    private final StripeGateway stripe;
    private final BillingCustomers customers;
    private final CommandGateway commands;

    ChargeReversals(StripeGateway stripe, BillingCustomers customers, CommandGateway commands) {
        this.stripe = stripe;
        this.customers = customers;
        this.commands = commands;
    }

    /** @param charge Stripe's current record of the charge, fetched by id */
    Reversal refunded(Charge charge) {
        long refunded = charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded();
        if (refunded == 0) {
            return new Reversal(Outcome.NOTHING_TO_TAKE, "nothing refunded of charge " + charge.getId());
        }
        return revoke(charge, "charge/" + charge.getId() + "/refunds", refunded, RevocationCause.REFUND);
    }

    /**
     * Only a lost dispute takes credits back: while it is open the credits stay spendable, and a won dispute took
     * nothing, so it gives nothing back (decision 0038).
     *
     * @param dispute Stripe's current record of the dispute, fetched by id
     */
    Reversal disputed(Dispute dispute) {
        if (!"lost".equals(dispute.getStatus())) {
            return new Reversal(Outcome.NOTHING_TO_TAKE, "dispute " + dispute.getId() + " is " + dispute.getStatus()
                    + ": nothing is taken back unless it is lost");
        }
        Charge charge = stripe.charge(dispute.getCharge());
        return revoke(charge, "dispute/" + dispute.getId(), dispute.getAmount() == null ? 0 : dispute.getAmount(),
                RevocationCause.DISPUTE);
    }

    private Reversal revoke(Charge charge, String basis, long reversed, RevocationCause cause) {
        Optional<PaidPurchase> purchase = purchaseOf(charge);
        if (purchase.isEmpty()) {
            return new Reversal(Outcome.UNKNOWN_ACCOUNT, "charge " + charge.getId());
        }
        long paid = charge.getAmount() == null ? 0 : charge.getAmount();
        Long taken = ConflictRetry.send(() -> commands.sendAndWait(new RevokeCredits(purchase.get().userId(),
                purchase.get().grantId(), basis, reversed, paid, cause, charge.getId())));
        return new Reversal(Outcome.TAKEN_BACK, basis + "/" + reversed + ": " + taken + " credits taken back now");
    }

    /**
     * The purchase a charge paid for: a pack's Checkout Session (found by the charge's payment intent) or a
     * subscription's invoice (whose payments name the payment intent), when it is one of our accounts'.
     */
    private Optional<PaidPurchase> purchaseOf(Charge charge) {
        String paymentIntent = charge.getPaymentIntent();
        if (paymentIntent == null) {
            return Optional.empty();
        }
        Optional<Session> session = stripe.checkoutPaidBy(paymentIntent);
        if (session.isPresent()) {
            return CheckoutMetadata.of(session.get())
                    .filter(bought -> !bought.plan() && customers.paysFor(session.get().getCustomer(), bought.userId()))
                    .map(bought -> new PaidPurchase(bought.userId(),
                            PaidPurchaseGrants.grantId(session.get().getId())));
        }
        Optional<Invoice> invoice = stripe.invoicePaidBy(paymentIntent);
        return invoice.flatMap(paidInvoice -> CheckoutMetadata.of(paidInvoice)
                .filter(plan -> customers.paysFor(paidInvoice.getCustomer(), plan.userId()))
                .map(plan -> new PaidPurchase(plan.userId(), PaidPurchaseGrants.periodGrantId(paidInvoice.getId()))));
    }
}
