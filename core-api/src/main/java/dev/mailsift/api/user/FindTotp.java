package dev.mailsift.api.user;

/** The two-factor settings of a user; answered with {@link TotpCredentials}, or none when it is off. */
public record FindTotp(String userId) {
}
