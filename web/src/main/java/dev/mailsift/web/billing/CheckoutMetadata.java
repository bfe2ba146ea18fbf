package dev.mailsift.web.billing;

import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;

import java.util.Map;
import java.util.Optional;

/**
 * What MailSift writes into a Checkout Session's metadata (and, for a plan, the subscription's, which Stripe copies
 * onto each of its invoices) and reads back when it is paid: the account and what it bought, as it was when the
 * checkout opened (a later price change does not change what was bought).
 *
 * @param packId  the pack bought, or null for a plan
 * @param planId  the plan subscribed to, or null for a pack
 * @param credits  the pack's credits, or the plan's credits per period
 * @param rollover for a plan, whether a period's unspent credits stay (true for subscriptions sold before plans could
 *                 say otherwise)
 */
record CheckoutMetadata(String userId, String packId, String planId, long credits, boolean rollover) {

    static final String USER_ID = "user_id";
    static final String PACK_ID = "pack_id";
    static final String PLAN_ID = "plan_id";
    static final String CREDITS = "credits";
    static final String ROLLOVER = "rollover";

    boolean plan() {
        return planId != null;
    }

    /** The metadata of a session MailSift opened, or none (someone else's session). */
    static Optional<CheckoutMetadata> of(Session session) {
        return of(session.getMetadata()).filter(metadata -> metadata.userId().equals(session.getClientReferenceId()));
    }

    /** The subscription's metadata on one of its invoices, or none (a pack's invoice, or not ours). */
    static Optional<CheckoutMetadata> of(Invoice invoice) {
        if (invoice.getParent() == null || invoice.getParent().getSubscriptionDetails() == null) {
            return Optional.empty();
        }
        return of(invoice.getParent().getSubscriptionDetails().getMetadata()).filter(CheckoutMetadata::plan);
    }

    /** A subscription's metadata, as its checkout wrote it, or none (not ours). */
    static Optional<CheckoutMetadata> of(Subscription subscription) {
        return of(subscription.getMetadata()).filter(CheckoutMetadata::plan);
    }

    private static Optional<CheckoutMetadata> of(Map<String, String> metadata) {
        if (metadata == null) {
            return Optional.empty();
        }
        String userId = metadata.get(USER_ID);
        String packId = metadata.get(PACK_ID);
        String planId = metadata.get(PLAN_ID);
        String credits = metadata.get(CREDITS);
        if (userId == null || credits == null || (packId == null) == (planId == null)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CheckoutMetadata(userId, packId, planId, Long.parseLong(credits),
                    !"false".equals(metadata.get(ROLLOVER))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
