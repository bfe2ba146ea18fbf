package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lift a suspension. */
public record ReinstateUser(@TargetAggregateIdentifier String userId) {
}
