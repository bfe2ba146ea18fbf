package dev.mailsift.api.webhooks;

/** Every endpoint of one account, oldest first; answered with a list of {@link WebhookEndpointView}. */
public record FindWebhookEndpoints(String userId) {
}
