package dev.mailsift.api.user;

import java.time.Instant;
import java.util.List;

/**
 * Sign-in now needs a TOTP code (or a recovery code). Carries the encrypted secret and the recovery-code hashes so
 * the sign-in read model can be rebuilt; outbound webhooks never include either.
 */
public record TotpEnabled(String userId, String encryptedSecret, List<String> recoveryCodeHashes,
                          Instant enabledAt) {
}
