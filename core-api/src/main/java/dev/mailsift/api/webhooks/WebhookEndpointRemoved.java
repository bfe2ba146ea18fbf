package dev.mailsift.api.webhooks;

import java.time.Instant;

/** An endpoint was deleted by its owner. */
public record WebhookEndpointRemoved(String userId, String endpointId, Instant removedAt) {
}
