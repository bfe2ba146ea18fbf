package dev.mailsift.api.billing;

import java.time.Instant;

/** The account {@code userId} pays through the Stripe customer {@code customerId}. */
public record BillingCustomerCreated(String customerId, String userId, Instant createdAt) {
}
