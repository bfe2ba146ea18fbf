package dev.mailsift.web.billing;

import com.stripe.model.checkout.Session;

/**
 * A checkout as its owner sees it.
 *
 * @param status        Stripe's session status: {@code open}, {@code complete}, {@code expired}
 * @param paymentStatus {@code unpaid}, {@code paid}, {@code no_payment_required}
 * @param fulfilled     whether the purchase is recorded (its credits are then granted, or about to be)
 */
record CheckoutView(String id, String status, String paymentStatus, String pack, long credits, boolean fulfilled) {

    static CheckoutView of(Session session, CheckoutFulfilment.Outcome outcome) {
        CheckoutMetadata bought = CheckoutMetadata.of(session).orElseThrow();
        boolean fulfilled = outcome == CheckoutFulfilment.Outcome.RECORDED
                || outcome == CheckoutFulfilment.Outcome.ALREADY_RECORDED;
        return new CheckoutView(session.getId(), session.getStatus(), session.getPaymentStatus(), bought.packId(),
                bought.credits(), fulfilled);
    }
}
