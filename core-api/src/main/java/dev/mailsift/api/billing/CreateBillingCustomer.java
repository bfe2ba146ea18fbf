package dev.mailsift.api.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Remember the payment provider's customer made for an account: one per account, created once.
 *
 * @param customerId the Stripe customer's id ({@code cus_…}), the billing customer's identity
 */
public record CreateBillingCustomer(@TargetAggregateIdentifier String customerId, String userId) {
}
