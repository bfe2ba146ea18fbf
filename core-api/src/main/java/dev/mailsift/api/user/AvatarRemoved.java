package dev.mailsift.api.user;

import java.time.Instant;

/** The user has no avatar any more; the image that was at {@code blobKey} is no longer shown (and is deleted). */
public record AvatarRemoved(String userId, String blobKey, Instant removedAt) {
}
