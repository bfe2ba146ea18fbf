package dev.mailsift.api.user;

/** What sign-in needs to check a password and mint a token. Never leaves the service. */
public record Credentials(String userId, String email, String passwordHash, UserRole role) {
}
