package dev.mailsift.api.user;

import java.time.Instant;

/**
 * An account was opened. Carries the password hash so that the credentials read model can be rebuilt
 * from the event store; outbound webhooks never include it.
 */
public record UserRegistered(String userId,
                             String email,
                             String passwordHash,
                             UserRole role,
                             Instant registeredAt) {
}
