package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The kill switch: the user's every request is refused until {@link ReinstateUser}. */
public record SuspendUser(@TargetAggregateIdentifier String userId, String reason) {
}
