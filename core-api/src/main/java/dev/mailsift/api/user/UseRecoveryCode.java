package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sign in with a recovery code instead of a TOTP code (as its keyed hash); each code works once. */
public record UseRecoveryCode(@TargetAggregateIdentifier String userId, String codeHash) {
}
