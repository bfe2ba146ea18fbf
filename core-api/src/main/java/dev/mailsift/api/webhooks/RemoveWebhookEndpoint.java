package dev.mailsift.api.webhooks;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete an endpoint; nothing more is sent to it. */
public record RemoveWebhookEndpoint(@TargetAggregateIdentifier String accountWebhooksId,
                                    String userId,
                                    String endpointId) {
}
