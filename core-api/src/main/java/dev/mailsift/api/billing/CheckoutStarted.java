package dev.mailsift.api.billing;

import java.time.Instant;

/** A Stripe Checkout Session for a credit pack was opened; nothing is paid yet. */
public record CheckoutStarted(String customerId,
                              String userId,
                              String checkoutSessionId,
                              String packId,
                              long credits,
                              long amount,
                              String currency,
                              Instant startedAt) {
}
