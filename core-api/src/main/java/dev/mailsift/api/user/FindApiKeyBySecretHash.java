package dev.mailsift.api.user;

/** The key whose secret hashes to {@code secretHash}; answered with {@link ApiKeyCredentials}, or none. */
public record FindApiKeyBySecretHash(String secretHash) {
}
