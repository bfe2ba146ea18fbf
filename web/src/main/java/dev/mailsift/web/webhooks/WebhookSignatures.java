package dev.mailsift.web.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** Standard Webhooks 1.0 secrets and signatures. */
final class WebhookSignatures {

    static final String SECRET_PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignatures() {
    }

    /** {@code whsec_} and the base64 of 256 random bits. */
    static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The {@code webhook-signature} header: {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>} per secret,
     * space-separated; the key is the base64-decoded part after {@code whsec_}.
     */
    static String signatureHeader(List<String> secrets, String messageId, long timestamp, String body) {
        String signed = messageId + "." + timestamp + "." + body;
        return secrets.stream().map(secret -> "v1," + hmac(secret, signed)).collect(Collectors.joining(" "));
    }

    private static String hmac(String secret, String signed) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
