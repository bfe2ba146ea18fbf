package dev.mailsift.web.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static dev.mailsift.web.support.TotpCodes.totp;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TOTP two-factor sign-in: enrolment with a scannable QR code, codes checked by an independent RFC 6238
 * implementation, recovery codes, turning it off. Run on the embedded default and on the real PostgreSQL and RabbitMQ
 * by {@code EmbeddedTwoFactorTest} and {@code PostgresRabbitTwoFactorTest}.
 */
interface TwoFactorContract extends AccessContract {

    @Test
    default void twoFactorEnrolConfirmSignInWithCodeOrRecoveryCodeAndTurnOff() throws Exception {
        String email = uniqueEmail().toLowerCase();
        Session user = api().signUp(email, PASSWORD);
        String key = api().post("/api/v1/api-keys", user.token(), Map.of("label", "k")).json().get("key").asText();
        assertThat(api().post("/api/v1/account/totp", key, Map.of()).status()).as("not with an API key").isEqualTo(403);

        JsonNode enrolment = api().post("/api/v1/account/totp", user.token(), Map.of()).json();
        String secret = enrolment.get("secret").asText();
        assertThat(enrolment.get("otpauth_uri").asText())
                .startsWith("otpauth://totp/MailSift%3A" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8))
                .contains("secret=" + secret).contains("issuer=MailSift");
        String qr = enrolment.get("qr_png").asText();
        assertThat(qr).startsWith("data:image/png;base64,");
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                java.util.Base64.getDecoder().decode(qr.substring(qr.indexOf(',') + 1))));
        assertThat(image.getWidth()).isEqualTo(240);
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        // Read as an image of one code on a plain ground (PURE_BARCODE): ZXing's camera-frame finder misplaces the
        // finder patterns of about 1 in 200 such codes, and this test is about what the code holds.
        String scanned = new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                new com.google.zxing.common.HybridBinarizer(new com.google.zxing.RGBLuminanceSource(
                        image.getWidth(), image.getHeight(), pixels))),
                java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, true)).getText();
        assertThat(scanned).as("what an authenticator app scans").isEqualTo(enrolment.get("otpauth_uri").asText());

        Reply wrong = api().post("/api/v1/account/totp/confirm", user.token(), Map.of("code", "000000"));
        assertThat(wrong.status()).isEqualTo(400);
        Reply confirmed = api().post("/api/v1/account/totp/confirm", user.token(),
                Map.of("code", totp(secret, 0)));
        assertThat(confirmed.status()).isEqualTo(200);
        JsonNode recovery = confirmed.json().get("recovery_codes");
        assertThat(recovery).hasSize(10);
        assertThat(payloadsOf(user.userId())).noneMatch(payload -> payload.contains(secret));

        Reply missing = api().post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD));
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("type").asText()).isEqualTo("urn:mailsift:problem:totp-required");
        // The confirming code's step is spent; the next step's code is within the allowed drift.
        String next = totp(secret, 1);
        Reply signedIn = api().post("/api/v1/auth/token", null,
                Map.of("email", email, "password", PASSWORD, "totp", next));
        assertThat(signedIn.status()).isEqualTo(200);
        Reply replayed = api().post("/api/v1/auth/token", null,
                Map.of("email", email, "password", PASSWORD, "totp", next));
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.json().get("type").asText()).isEqualTo("urn:mailsift:problem:totp-required");

        String recoveryCode = recovery.get(3).asText();
        assertThat(api().post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD,
                "totp", recoveryCode.toLowerCase())).status()).isEqualTo(200);
        assertThat(api().post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD,
                "totp", recoveryCode)).status()).as("a recovery code works once").isEqualTo(401);
        assertThat(metadataOf(user.userId(), "RecoveryCodeUsed", null).get("actor").asText())
                .isEqualTo("user:" + user.userId());

        assertThat(api().post("/api/v1/account/totp", user.token(), Map.of()).status()).isEqualTo(409);
        assertThat(api().delete("/api/v1/account/totp", user.token()).status()).isEqualTo(204);
        assertThat(api().post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD)).status())
                .isEqualTo(200);
    }

    default List<String> payloadsOf(String userId) {
        return jdbc().queryForList("SELECT payload FROM domainevententry WHERE aggregateidentifier = ?", byte[].class,
                userId).stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }
}
