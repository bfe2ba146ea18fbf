package dev.mailsift.api.billing;

import java.time.Instant;

/** A credit pack was paid for: its credits are owed to the account once (the grant id is the checkout's). */
public record PackPurchased(String customerId,
                            String userId,
                            String checkoutSessionId,
                            String packId,
                            long credits,
                            long amount,
                            String currency,
                            Instant paidAt) {
}
