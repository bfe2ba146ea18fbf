package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set the user's names (each at most 100 characters; empty clears it). */
public record UpdateProfile(@TargetAggregateIdentifier String userId, String firstName, String lastName) {
}
