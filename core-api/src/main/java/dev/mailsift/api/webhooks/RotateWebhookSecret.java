package dev.mailsift.api.webhooks;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;

/**
 * Replace an endpoint's signing secret. Until {@code overlap} has passed, messages carry signatures with the
 * previous secret too, so a receiver can switch without losing messages.
 */
public record RotateWebhookSecret(@TargetAggregateIdentifier String accountWebhooksId,
                                  String userId,
                                  String endpointId,
                                  String sealedSecret,
                                  Duration overlap) {
}
