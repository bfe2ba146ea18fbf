package dev.mailsift.api.webhooks;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Register an endpoint. The URL is checked by the edge (scheme, address) before the command is sent; the secret
 * is made by the edge and travels only sealed (AES-GCM, bound to the owner).
 *
 * @param accountWebhooksId {@code WebhookEndpoints.idOf(userId)}
 * @param eventTypes        the types to send; empty means every type
 */
public record AddWebhookEndpoint(@TargetAggregateIdentifier String accountWebhooksId,
                                 String userId,
                                 String endpointId,
                                 String url,
                                 String description,
                                 List<String> eventTypes,
                                 String sealedSecret) {
}
