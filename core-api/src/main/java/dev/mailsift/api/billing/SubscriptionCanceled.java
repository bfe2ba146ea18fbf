package dev.mailsift.api.billing;

import java.time.Instant;

/** A subscription ended: no more periods are granted; credits already granted stay. */
public record SubscriptionCanceled(String customerId, String userId, String subscriptionId, Instant canceledAt) {
}
