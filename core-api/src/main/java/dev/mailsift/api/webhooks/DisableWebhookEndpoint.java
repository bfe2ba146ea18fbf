package dev.mailsift.api.webhooks;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop sending to an endpoint because of how it answered; its owner re-enables it with a change. */
public record DisableWebhookEndpoint(@TargetAggregateIdentifier String accountWebhooksId,
                                     String userId,
                                     String endpointId,
                                     WebhookDisabledReason reason,
                                     String detail) {
}
