package dev.mailsift.api.user;

import java.time.Instant;

/** The user's names changed; carries both, as they are now (empty when not given). */
public record ProfileUpdated(String userId, String firstName, String lastName, Instant updatedAt) {
}
