package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator grants ({@link UserRole#AUDITOR}) or revokes ({@link UserRole#USER}) the auditor role. Answers whether
 * anything changed: asking for the role the account has changes nothing.
 */
public record ChangeRole(@TargetAggregateIdentifier String userId, UserRole role) {
}
