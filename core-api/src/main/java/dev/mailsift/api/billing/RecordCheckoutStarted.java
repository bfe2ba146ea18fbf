package dev.mailsift.api.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a checkout the customer was sent to: what it would buy, at what price.
 *
 * @param amount price in minor units of {@code currency} (cents for {@code usd})
 */
public record RecordCheckoutStarted(@TargetAggregateIdentifier String customerId,
                                    String userId,
                                    String checkoutSessionId,
                                    String packId,
                                    long credits,
                                    long amount,
                                    String currency) {
}
