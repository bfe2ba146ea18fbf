package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Take the user's avatar away. Answers the blob key of the image removed (for the edge to delete it), or
 * {@code null} when there was none, in which case nothing is recorded.
 */
public record RemoveAvatar(@TargetAggregateIdentifier String userId) {
}
