package dev.mailsift.web.security;

import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The short codes mailed for email confirmation and password reset. Only a keyed hash (HMAC-SHA256 under a key
 * derived from the service's secret, bound to the purpose and the account) enters a command or the event store, so
 * reading the store does not let anyone brute-force a 6-digit code offline (docs/decisions/0011).
 */
@Component
public class OneTimeCodes {

    public static final String CONFIRM_EMAIL = "confirm-email";
    public static final String RESET_PASSWORD = "reset-password";

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    OneTimeCodes(ServiceSecrets secrets) {
        this.key = secrets.codeHashingKey();
    }

    /** Six digits, uniformly random. */
    public String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    public String hash(String purpose, String userId, String code) {
        String normalized = code == null ? "" : code.strip();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((purpose + "\n" + userId + "\n" + normalized)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
