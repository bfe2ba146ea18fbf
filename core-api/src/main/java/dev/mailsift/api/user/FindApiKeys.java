package dev.mailsift.api.user;

/** Every API key of one user, newest first; answered with a list of {@link ApiKeyView}. */
public record FindApiKeys(String userId) {
}
