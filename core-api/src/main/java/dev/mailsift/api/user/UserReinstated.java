package dev.mailsift.api.user;

import java.time.Instant;

/** A suspension was lifted. */
public record UserReinstated(String userId, Instant reinstatedAt) {
}
