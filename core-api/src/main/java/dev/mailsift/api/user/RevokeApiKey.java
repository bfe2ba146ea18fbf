package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke one of the user's API keys; revoking a revoked key changes nothing. */
public record RevokeApiKey(@TargetAggregateIdentifier String userId, String keyId) {
}
