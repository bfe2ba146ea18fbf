package dev.mailsift.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Point the user's avatar at an image already checked, re-encoded and stored by the edge.
 *
 * @param blobKey where the re-encoded image is in the blob store
 */
public record ChangeAvatar(@TargetAggregateIdentifier String userId, String blobKey, String contentType, int width,
                           int height, long sizeBytes) {
}
