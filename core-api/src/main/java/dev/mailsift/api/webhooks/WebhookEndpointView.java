package dev.mailsift.api.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * One endpoint as the service keeps it. The sealed secrets are for the sender, which signs with them; the API
 * never shows them.
 *
 * @param eventTypes           empty means every type
 * @param previousSealedSecret the secret replaced by the last rotation, {@code null} once its overlap has passed
 */
public record WebhookEndpointView(String id,
                                  String userId,
                                  String url,
                                  String description,
                                  List<String> eventTypes,
                                  boolean enabled,
                                  String disabledReason,
                                  Instant createdAt,
                                  String sealedSecret,
                                  String previousSealedSecret,
                                  Instant previousSecretValidUntil) {

    /** Whether a message of this type goes to this endpoint ({@code webhook.test} always does). */
    public boolean wants(String type) {
        return eventTypes.isEmpty() || eventTypes.contains(type) || WebhookEventType.WEBHOOK_TEST.wireName().equals(type);
    }
}
