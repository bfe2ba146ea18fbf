package dev.mailsift.command.billing;

import java.util.Optional;

/**
 * Which Stripe customer pays for which account: one each. An event-sourced aggregate cannot see its siblings, so
 * the one-customer-per-account rule is a table row written in the transaction that appends
 * {@code BillingCustomerCreated}; a second customer for the same account rolls back.
 */
public interface BillingCustomers {

    /**
     * Records {@code customerId} as the account's customer.
     *
     * @throws AccountHasACustomerException if the account already has another
     */
    void claim(String userId, String customerId);

    /** The account's Stripe customer id, if it has one yet. */
    Optional<String> customerOf(String userId);

    /** The account a Stripe customer pays for, if the customer is one of ours. */
    Optional<String> accountOf(String customerId);

    /** Whether {@code customerId} is the Stripe customer of the account {@code userId}. */
    default boolean paysFor(String customerId, String userId) {
        return customerId != null && accountOf(customerId).equals(Optional.of(userId));
    }
}
