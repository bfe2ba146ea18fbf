package dev.mailsift.api.user;

import java.time.Instant;

/**
 * What every authenticated request checks, kept consistent with the event store (updated in the appending
 * transaction).
 *
 * @param sessionVersion raised by every password change: access tokens minted under an older version are refused
 */
public record UserStatus(String userId,
                         String email,
                         UserRole role,
                         boolean emailConfirmed,
                         boolean suspended,
                         String suspensionReason,
                         long sessionVersion,
                         Instant registeredAt,
                         String firstName,
                         String lastName,
                         String avatarKey) {
}
