package dev.mailsift.api.user;

import java.time.Instant;

/** A recovery code stood in for a TOTP code and is spent; {@code remaining} codes are left. */
public record RecoveryCodeUsed(String userId, String codeHash, int remaining, Instant usedAt) {
}
