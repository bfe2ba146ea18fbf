package dev.mailsift.command.billing;

/** A second Stripe customer was about to be recorded for an account that has one: the first one stays. */
public class AccountHasACustomerException extends RuntimeException {

    public AccountHasACustomerException(String userId) {
        super("account " + userId + " already has a billing customer");
    }
}
