package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Turn two-factor sign-in off; doing so when it is off changes nothing. */
public record DisableTotp(@TargetAggregateIdentifier String userId) {
}
