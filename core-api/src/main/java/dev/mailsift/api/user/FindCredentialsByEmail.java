package dev.mailsift.api.user;

/** The sign-in record for an address (compared case-insensitively); answered with {@link Credentials}, or none. */
public record FindCredentialsByEmail(String email) {
}
