package dev.mailsift.api.user;

/** The account summary of one user; answered with an {@link AccountView}, or none if unknown. */
public record FindAccount(String userId) {
}
