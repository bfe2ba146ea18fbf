package dev.mailsift.api.user;

import java.time.Instant;

/** The account can now be signed into through {@code provider} as {@code subject}. */
public record ExternalIdentityLinked(String userId, String provider, String subject, String email,
                                     Instant linkedAt) {
}
