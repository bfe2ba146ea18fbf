package dev.mailsift.api.webhooks;

import java.time.Instant;

/** Sending to an endpoint stopped: it answered 410 Gone, or it kept failing for too long. */
public record WebhookEndpointDisabled(String userId,
                                      String endpointId,
                                      WebhookDisabledReason reason,
                                      String detail,
                                      Instant disabledAt) {
}
