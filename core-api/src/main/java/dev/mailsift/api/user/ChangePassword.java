package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A signed-in user sets a new password (the edge has checked the current one). */
public record ChangePassword(@TargetAggregateIdentifier String userId, String newPasswordHash) {
}
