package dev.mailsift.api.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that Stripe could not collect a subscription's invoice. Stripe retries on its own schedule; each attempt is
 * recorded once.
 *
 * @param attempt which attempt at collecting the invoice failed (Stripe's {@code attempt_count})
 */
public record RecordPaymentFailed(@TargetAggregateIdentifier String customerId,
                                  String userId,
                                  String subscriptionId,
                                  String invoiceId,
                                  long attempt,
                                  long amount,
                                  String currency) {
}
