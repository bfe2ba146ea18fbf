package dev.mailsift.api.billing;

/** The account's current (or last) subscription, if it ever had one. */
public record FindSubscription(String userId) {
}
