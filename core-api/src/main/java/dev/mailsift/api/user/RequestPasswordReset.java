package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Mail a single-use reset code (the edge passes only its keyed hash); replaces any earlier code. */
public record RequestPasswordReset(@TargetAggregateIdentifier String userId, String codeHash, Instant expiresAt) {
}
