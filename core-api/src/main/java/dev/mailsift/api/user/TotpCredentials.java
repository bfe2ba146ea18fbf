package dev.mailsift.api.user;

/** What checking a TOTP code needs. Never leaves the service. */
public record TotpCredentials(String userId, String encryptedSecret) {
}
