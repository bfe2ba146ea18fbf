package dev.mailsift.web.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API key secrets: {@code ms_live_} and 256 random bits (base64url). A secret with that much entropy needs no slow
 * hash: SHA-256 is one-way, and it lets a request find its key with one indexed lookup (docs/decisions/0010).
 */
public final class ApiKeySecrets {

    public static final String PREFIX = "ms_live_";
    /** How much of the secret listings show, so an owner can tell keys apart. */
    public static final int DISPLAY_LENGTH = PREFIX.length() + 4;
    /** Longest value we bother hashing: a real key is 51 characters. */
    private static final int MAX_LENGTH = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean looksLikeKey(String value) {
        return value != null && value.startsWith(PREFIX) && value.length() <= MAX_LENGTH;
    }

    public static String displayPrefix(String secret) {
        return secret.substring(0, DISPLAY_LENGTH);
    }

    /** Hex SHA-256. Also used for refresh tokens, which are random secrets of the same strength. */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
