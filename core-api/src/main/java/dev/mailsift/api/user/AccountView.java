package dev.mailsift.api.user;

import java.time.Instant;

/** What the dashboard and {@code GET /api/v1/account} show of an account. */
public record AccountView(String id,
                          String email,
                          UserRole role,
                          long creditsAvailable,
                          long creditsReserved,
                          Instant registeredAt,
                          Instant updatedAt) {
}
