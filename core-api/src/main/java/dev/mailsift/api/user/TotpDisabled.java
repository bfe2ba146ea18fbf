package dev.mailsift.api.user;

import java.time.Instant;

/** Two-factor sign-in was turned off; the secret and recovery codes are void. */
public record TotpDisabled(String userId, Instant disabledAt) {
}
