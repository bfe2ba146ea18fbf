package dev.mailsift.api.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a subscription ended (cancelled in the portal, or by Stripe after failed payments). Once. */
public record RecordSubscriptionCanceled(@TargetAggregateIdentifier String customerId,
                                         String userId,
                                         String subscriptionId) {
}
