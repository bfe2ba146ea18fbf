package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set a new password with the mailed reset code (as its keyed hash); the code works once. */
public record ResetPassword(@TargetAggregateIdentifier String userId, String codeHash, String newPasswordHash) {
}
