package dev.mailsift.api.user;

import java.time.Instant;

/** The user's avatar is now the image at {@code blobKey} (re-encoded by the service, so safe to serve). */
public record AvatarChanged(String userId, String blobKey, String contentType, int width, int height,
                            long sizeBytes, Instant changedAt) {
}
