package dev.mailsift.api.billing;

import java.time.Instant;

/** Stripe could not collect a subscription's invoice (attempt {@code attempt}); no credits were granted for it. */
public record PaymentFailed(String customerId,
                            String userId,
                            String subscriptionId,
                            String invoiceId,
                            long attempt,
                            long amount,
                            String currency,
                            Instant failedAt) {
}
