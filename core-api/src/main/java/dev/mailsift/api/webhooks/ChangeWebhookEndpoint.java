package dev.mailsift.api.webhooks;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Change an endpoint; a {@code null} field stays as it is. {@code enabled = true} re-enables a disabled one. */
public record ChangeWebhookEndpoint(@TargetAggregateIdentifier String accountWebhooksId,
                                    String userId,
                                    String endpointId,
                                    String url,
                                    String description,
                                    List<String> eventTypes,
                                    Boolean enabled) {
}
