package dev.mailsift.web.billing;

import com.stripe.model.checkout.Session;

import java.util.Map;
import java.util.Optional;

/**
 * What MailSift writes into a Checkout Session's metadata and reads back when the session is paid: the account and
 * the pack as they were when the checkout opened (a later price change does not change what was bought).
 */
record CheckoutMetadata(String userId, String packId, long credits) {

    static final String USER_ID = "user_id";
    static final String PACK_ID = "pack_id";
    static final String CREDITS = "credits";

    /** The metadata of a session MailSift opened for a pack, or none (someone else's session, or not a pack). */
    static Optional<CheckoutMetadata> of(Session session) {
        Map<String, String> metadata = session.getMetadata() == null ? Map.of() : session.getMetadata();
        String userId = metadata.get(USER_ID);
        String packId = metadata.get(PACK_ID);
        String credits = metadata.get(CREDITS);
        if (userId == null || packId == null || credits == null || !userId.equals(session.getClientReferenceId())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CheckoutMetadata(userId, packId, Long.parseLong(credits)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
