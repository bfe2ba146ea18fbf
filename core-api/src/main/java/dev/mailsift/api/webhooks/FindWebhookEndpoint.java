package dev.mailsift.api.webhooks;

/** One endpoint of one account; answered with a {@link WebhookEndpointView} or {@code null} (also for another's). */
public record FindWebhookEndpoint(String userId, String endpointId) {
}
