package dev.mailsift.api.user;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An account was opened. Carries the password hash so that the credentials read model can be rebuilt
 * from the event store; outbound webhooks never include it.
 *
 * <p>Revision 2 added {@code emailConfirmed}: whether the address counts as confirmed from the start (the operator
 * account opened from the deployment's configuration). Before, every reader inferred it from the role; events stored
 * in the first form are read through {@code UserRegisteredUpcaster}, which makes the same inference once.
 */
@Revision("2")
public record UserRegistered(String userId,
                             String email,
                             String passwordHash,
                             UserRole role,
                             Instant registeredAt,
                             boolean emailConfirmed) {
}
