package dev.mailsift.web.support;

import java.time.Instant;

/** TOTP codes computed apart from the service's own implementation, as an authenticator app would. */
public final class TotpCodes {

    private TotpCodes() {
    }

    /** An independent RFC 6238 code (HMAC-SHA1, 30 s, 6 digits) for the current step plus {@code offset}. */
    public static String totp(String base32Secret, int offset) throws Exception {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream key = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : base32Secret.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                key.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        long step = Instant.now().getEpochSecond() / 30 + offset;
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.toByteArray(), "HmacSHA1"));
        byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
        int o = hash[hash.length - 1] & 0xf;
        int binary = ((hash[o] & 0x7f) << 24) | ((hash[o + 1] & 0xff) << 16) | ((hash[o + 2] & 0xff) << 8)
                | (hash[o + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }
}
