package dev.mailsift.api.webhooks;

import java.time.Instant;

/**
 * An endpoint has a new signing secret; the previous one ({@code previousSealedSecret}) still signs until
 * {@code previousValidUntil}.
 */
public record WebhookSecretRotated(String userId,
                                   String endpointId,
                                   String sealedSecret,
                                   String previousSealedSecret,
                                   Instant previousValidUntil,
                                   Instant rotatedAt) {
}
