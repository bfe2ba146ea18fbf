package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Start (or restart) confirming the sign-up address: the edge mails a code and passes only its keyed hash.
 * A new code replaces the previous one. How often a code may be sent is limited.
 */
public record IssueEmailConfirmation(@TargetAggregateIdentifier String userId, String codeHash, Instant expiresAt) {
}
