package dev.mailsift.web.billing;

import com.stripe.model.checkout.Session;

/**
 * A checkout as its owner sees it.
 *
 * @param status        Stripe's session status: {@code open}, {@code complete}, {@code expired}
 * @param paymentStatus {@code unpaid}, {@code paid}, {@code no_payment_required}
 * @param pack          the pack bought, or null for a plan
 * @param plan          the plan subscribed to, or null for a pack
 * @param credits       the pack's credits, or the plan's credits per period
 * @param fulfilled     whether the payment is recorded (its credits are then granted, or about to be)
 */
record CheckoutView(String id, String status, String paymentStatus, String pack, String plan, long credits,
                    boolean fulfilled) {

    static CheckoutView of(Session session, CheckoutFulfilment.Outcome outcome) {
        CheckoutMetadata bought = CheckoutMetadata.of(session).orElseThrow();
        boolean fulfilled = outcome == CheckoutFulfilment.Outcome.RECORDED
                || outcome == CheckoutFulfilment.Outcome.ALREADY_RECORDED;
        return new CheckoutView(session.getId(), session.getStatus(), session.getPaymentStatus(), bought.packId(),
                bought.planId(), bought.credits(), fulfilled);
    }
}
