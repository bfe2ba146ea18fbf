package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Confirm the address with the code from the mail (as its keyed hash). */
public record ConfirmEmail(@TargetAggregateIdentifier String userId, String codeHash) {
}
