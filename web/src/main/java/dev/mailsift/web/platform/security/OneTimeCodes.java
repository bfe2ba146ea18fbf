package dev.mailsift.web.platform.security;

import dev.mailsift.web.platform.security.ServiceSecrets;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

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
    /** The current key first, then those of previous secrets. */
    private final List<SecretKeySpec> keys;

    OneTimeCodes(ServiceSecrets secrets) {
        this.keys = secrets.codeHashingKeys();
    }

    /** Six digits, uniformly random. */
    public String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** The hash under the current secret: what new codes are stored as and presented codes compared by. */
    public String hash(String purpose, String userId, String code) {
        return hash(keys.getFirst(), purpose, userId, code);
    }

    /**
     * The hash under the current secret, then under each previous one: for codes that live long (recovery codes),
     * which were stored under whichever secret was current at the time.
     */
    public List<String> hashesUnderEverySecret(String purpose, String userId, String code) {
        return keys.stream().map(key -> hash(key, purpose, userId, code)).toList();
    }

    private static String hash(SecretKeySpec key, String purpose, String userId, String code) {
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
