package dev.mailsift.api.user;

import java.time.Instant;

/** The account's role changed, from {@code previousRole} to {@code role}: in force from the next request. */
public record RoleChanged(String userId, UserRole role, UserRole previousRole, Instant changedAt) {
}
