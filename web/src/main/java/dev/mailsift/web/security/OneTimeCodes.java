package dev.mailsift.web.security;

import io.jsonwebtoken.io.Decoders;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The short codes mailed for email confirmation and password reset. Only a keyed hash (HMAC-SHA256 under a
 * server secret, bound to the purpose and the account) enters a command or the event store, so reading the
 * store does not let anyone brute-force a 6-digit code offline (docs/decisions/0011).
 */
@Component
public class OneTimeCodes {

    public static final String CONFIRM_EMAIL = "confirm-email";
    public static final String RESET_PASSWORD = "reset-password";

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    OneTimeCodes(SecurityProperties properties) {
        byte[] secret;
        if (properties.jwtSecret() != null && !properties.jwtSecret().isBlank()) {
            // One configured secret serves both; the HMAC below is domain-separated from token signing.
            secret = Decoders.BASE64.decode(properties.jwtSecret().strip());
        } else {
            secret = new byte[32];
            RANDOM.nextBytes(secret);
        }
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(secret, "HmacSHA256"), "mailsift one-time codes"),
                "HmacSHA256");
    }

    /** Six digits, uniformly random. */
    public String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    public String hash(String purpose, String userId, String code) {
        String normalized = code == null ? "" : code.strip();
        return HexFormat.of().formatHex(hmac(key, purpose + "\n" + userId + "\n" + normalized));
    }

    private static byte[] hmac(SecretKeySpec key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
