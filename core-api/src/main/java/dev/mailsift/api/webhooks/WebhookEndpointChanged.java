package dev.mailsift.api.webhooks;

import java.time.Instant;
import java.util.List;

/** The endpoint's settings after a change (all of them, not only what changed). */
public record WebhookEndpointChanged(String userId,
                                     String endpointId,
                                     String url,
                                     String description,
                                     List<String> eventTypes,
                                     boolean enabled,
                                     Instant changedAt) {
}
