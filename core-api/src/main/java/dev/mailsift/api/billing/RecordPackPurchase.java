package dev.mailsift.api.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that Stripe says a pack's checkout is paid. Recording the same checkout again changes nothing, however
 * often Stripe or the customer's return to the success page reports it.
 */
public record RecordPackPurchase(@TargetAggregateIdentifier String customerId,
                                 String userId,
                                 String checkoutSessionId,
                                 String packId,
                                 long credits,
                                 long amount,
                                 String currency) {
}
