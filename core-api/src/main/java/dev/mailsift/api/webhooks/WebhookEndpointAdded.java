package dev.mailsift.api.webhooks;

import java.time.Instant;
import java.util.List;

/** An account registered an endpoint; {@code sealedSecret} is its signing secret, sealed for the owner. */
public record WebhookEndpointAdded(String userId,
                                   String endpointId,
                                   String url,
                                   String description,
                                   List<String> eventTypes,
                                   String sealedSecret,
                                   Instant addedAt) {
}
