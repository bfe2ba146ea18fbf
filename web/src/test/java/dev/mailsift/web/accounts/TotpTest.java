package dev.mailsift.web.accounts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6238 appendix B test vectors (SHA-1), truncated to our 6 digits, plus the drift window. */
class TotpTest {

    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfc6238Vectors() {
        assertThat(Totp.code(RFC_KEY, 59 / 30)).isEqualTo("287082");
        assertThat(Totp.code(RFC_KEY, 1111111109L / 30)).isEqualTo("081804");
        assertThat(Totp.code(RFC_KEY, 1234567890L / 30)).isEqualTo("005924");
        assertThat(Totp.code(RFC_KEY, 2000000000L / 30)).isEqualTo("279037");
    }

    @Test
    void base32RoundTripsAndVerifyAcceptsOneStepOfDriftOnly() {
        String secret = Totp.base32(RFC_KEY);
        assertThat(secret).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.base32Decode(secret)).isEqualTo(RFC_KEY);
        Instant at = Instant.ofEpochSecond(1111111109L);
        long step = 1111111109L / 30;
        assertThat(Totp.verify(secret, "081804", at)).hasValue(step);
        assertThat(Totp.verify(secret, Totp.code(RFC_KEY, step + 1), at)).hasValue(step + 1);
        assertThat(Totp.verify(secret, Totp.code(RFC_KEY, step - 2), at)).isEmpty();
        assertThat(Totp.verify(secret, "12345", at)).isEmpty();
        assertThat(Totp.verify(secret, null, at)).isEmpty();
        assertThat(Totp.newSecret()).hasSize(32).matches("[A-Z2-7]+");
    }

    @Test
    void theOtpauthUriNamesIssuerAndAccount() {
        assertThat(Totp.otpauthUri("MailSift", "ada@example.com", "ABC"))
                .isEqualTo("otpauth://totp/MailSift%3Aada%40example.com?secret=ABC&issuer=MailSift"
                        + "&algorithm=SHA1&digits=6&period=30");
    }
}
