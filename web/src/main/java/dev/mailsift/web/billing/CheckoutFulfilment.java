package dev.mailsift.web.billing;

import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.checkout.Session;
import dev.mailsift.api.billing.RecordPackPurchase;
import dev.mailsift.api.billing.RecordSubscriptionPeriodPaid;
import dev.mailsift.command.billing.BillingCustomers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Turns Stripe's record of a payment into a billing event, once: a paid pack checkout into {@code PackPurchased}, a
 * subscription's paid invoice into {@code SubscriptionPeriodPaid}. The one path for a webhook delivery and for a
 * customer returning to the success page (Stripe's guidance, so that a lost webhook never leaves a paid customer
 * without credits). The credits follow from the event (command-side {@code PaidPurchaseGrants}).
 */
@Component
class CheckoutFulfilment {

    /** What a report of a payment came to. */
    enum Outcome {
        /** The payment is recorded now; its credits follow. */
        RECORDED,
        /** The payment was recorded by an earlier report. */
        ALREADY_RECORDED,
        /** Not paid (yet): an asynchronous payment reports again when it succeeds. */
        NOT_PAID,
        /** Not a payment of one of our accounts: nothing is granted, the report is kept for an operator. */
        UNKNOWN_ACCOUNT,
        /** Not something that grants credits (e.g. the invoice Stripe makes for a pack's payment). */
        NOTHING_TO_GRANT
    }

    private final BillingCustomers customers;
    private final StripeGateway stripe;
    private final PlanPrices planPrices;
    private final CommandGateway commands;

    CheckoutFulfilment(BillingCustomers customers, StripeGateway stripe, PlanPrices planPrices,
                       CommandGateway commands) {
        this.customers = customers;
        this.stripe = stripe;
        this.planPrices = planPrices;
        this.commands = commands;
    }

    /** @param session Stripe's current record of the session, fetched by id */
    Outcome fulfil(Session session) {
        Optional<CheckoutMetadata> metadata = CheckoutMetadata.of(session);
        if (metadata.isEmpty() || !customers.paysFor(session.getCustomer(), metadata.get().userId())) {
            return Outcome.UNKNOWN_ACCOUNT;
        }
        if ("subscription".equals(session.getMode()) && metadata.get().plan()) {
            // the first period's invoice carries the subscription's credits
            return session.getInvoice() == null ? Outcome.NOT_PAID : fulfil(stripe.invoice(session.getInvoice()));
        }
        if (!"payment".equals(session.getMode()) || metadata.get().plan()) {
            return Outcome.UNKNOWN_ACCOUNT;
        }
        if (!"paid".equals(session.getPaymentStatus())) {
            return Outcome.NOT_PAID;
        }
        CheckoutMetadata bought = metadata.get();
        long amount = session.getAmountTotal() == null ? 0 : session.getAmountTotal();
        Boolean first = ConflictRetry.send(() -> commands.sendAndWait(new RecordPackPurchase(session.getCustomer(),
                bought.userId(), session.getId(), bought.packId(), bought.credits(), amount, session.getCurrency())));
        return Boolean.TRUE.equals(first) ? Outcome.RECORDED : Outcome.ALREADY_RECORDED;
    }

    /** @param invoice Stripe's current record of the invoice, fetched by id */
    Outcome fulfil(Invoice invoice) {
        Optional<CheckoutMetadata> metadata = CheckoutMetadata.of(invoice);
        if (metadata.isEmpty()) {
            return Outcome.NOTHING_TO_GRANT;
        }
        CheckoutMetadata plan = metadata.get();
        if (!customers.paysFor(invoice.getCustomer(), plan.userId())) {
            return Outcome.UNKNOWN_ACCOUNT;
        }
        if (!"paid".equals(invoice.getStatus())) {
            return Outcome.NOT_PAID;
        }
        // the period paid for, and at which price: after a plan change the line's price, not the metadata written
        // when the subscription was sold, says which plan (an upgrade's invoice: the line for the rest of the period)
        Optional<InvoiceLineItem> line = paidLine(invoice);
        InvoiceLineItem.Period period = line.map(InvoiceLineItem::getPeriod).orElse(null);
        Instant start = period == null ? null : Instant.ofEpochSecond(period.getStart());
        Instant end = period == null ? null : Instant.ofEpochSecond(period.getEnd());
        PlanPrices.PlanTerms terms = PlanPrices.terms(plan, planPrices.ofPriceId(line.map(CheckoutFulfilment::priceOf)
                                                                                    .orElse(null)));
        long amount = invoice.getAmountPaid() == null ? 0 : invoice.getAmountPaid();
        Boolean first = ConflictRetry.send(() -> commands.sendAndWait(new RecordSubscriptionPeriodPaid(
                invoice.getCustomer(), plan.userId(), invoice.getParent().getSubscriptionDetails().getSubscription(),
                invoice.getId(), terms.planId(), terms.creditsPerPeriod(), start, end, amount, invoice.getCurrency(),
                terms.rollover() ? null : end)));
        return Boolean.TRUE.equals(first) ? Outcome.RECORDED : Outcome.ALREADY_RECORDED;
    }

    /**
     * The line an invoice is paid for: of its charged (not credited) lines, the one whose period ends last; the first
     * line when none is charged (a downgrade's credit note of an invoice).
     */
    private static Optional<InvoiceLineItem> paidLine(Invoice invoice) {
        if (invoice.getLines() == null || invoice.getLines().getData().isEmpty()) {
            return Optional.empty();
        }
        return invoice.getLines().getData().stream()
                      .filter(line -> line.getPeriod() != null && line.getAmount() != null && line.getAmount() > 0)
                      .max(java.util.Comparator.comparing(line -> line.getPeriod().getEnd()))
                      .or(() -> Optional.of(invoice.getLines().getData().getFirst()));
    }

    private static String priceOf(InvoiceLineItem line) {
        return line.getPricing() == null || line.getPricing().getPriceDetails() == null ? null
                : line.getPricing().getPriceDetails().getPrice();
    }
}
