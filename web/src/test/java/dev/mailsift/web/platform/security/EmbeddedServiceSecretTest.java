package dev.mailsift.web.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.EmbeddedTestProperties;
import dev.mailsift.web.support.TestAccounts;
import dev.mailsift.web.support.TestNodes;
import dev.mailsift.web.support.TotpCodes;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.io.Decoders;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default without MAILSIFT_JWT_SECRET, as a fresh clone runs: the service generates its secret once,
 * keeps it in the data directory, and sessions and two-factor survive a restart.
 */
class EmbeddedServiceSecretTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void withoutAConfiguredSecretTokensAndTwoFactorSurviveARestartOnTheSameDataDirectory() throws Exception {
        Path dataDir = Files.createTempDirectory("mailsift-secret-");
        String email = TestAccounts.uniqueEmail().toLowerCase();
        String token;
        String totpSecret;

        try (ConfigurableApplicationContext first = TestNodes.start(withoutConfiguredSecret(dataDir))) {
            ApiClient api = new ApiClient(TestNodes.port(first));
            Session user = api.signUp(email, PASSWORD);
            token = user.token();
            ApiClient.Reply enrolment = api.post("/api/v1/account/totp", token, Map.of());
            assertThat(enrolment.status()).as(enrolment.body()).isEqualTo(200);
            totpSecret = enrolment.json().get("secret").asText();
            ApiClient.Reply confirmed = api.post("/api/v1/account/totp/confirm", token,
                    Map.of("code", TotpCodes.totp(totpSecret, 0)));
            assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        }

        try (ConfigurableApplicationContext second = TestNodes.start(withoutConfiguredSecret(dataDir))) {
            ApiClient api = new ApiClient(TestNodes.port(second));
            JsonNode account = api.get("/api/v1/account", token).json();
            assertThat(account.get("email").asText()).as("the access token minted before the restart").isEqualTo(email);
            assertThat(api.post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD)).status())
                    .as("two-factor is on").isEqualTo(401);
            ApiClient.Reply signedIn = api.post("/api/v1/auth/token", null,
                    Map.of("email", email, "password", PASSWORD, "totp", TotpCodes.totp(totpSecret, 1)));
            assertThat(signedIn.status()).as("the TOTP secret sealed before the restart opens").isEqualTo(200);
            assertThat(second.getBean(ServiceSecrets.class).origin()).isEqualTo(ServiceSecrets.Origin.DATA_DIRECTORY);
        }

        Path secretFile = dataDir.resolve("secrets").resolve("service-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile.getParent())))
                .isEqualTo("rwx------");
        assertThat(Decoders.BASE64.decode(Files.readString(secretFile).strip())).hasSize(32);
    }

    @Test
    void aConfiguredSecretWinsOverTheOneStoredInTheDataDirectory() throws Exception {
        Path dataDir = Files.createTempDirectory("mailsift-secret-");
        String email = TestAccounts.uniqueEmail().toLowerCase();
        String tokenUnderTheStoredSecret;
        try (ConfigurableApplicationContext generated = TestNodes.start(withoutConfiguredSecret(dataDir))) {
            tokenUnderTheStoredSecret = new ApiClient(TestNodes.port(generated)).signUp(email, PASSWORD).token();
        }
        Path secretFile = dataDir.resolve("secrets").resolve("service-secret");
        String stored = Files.readString(secretFile);

        try (ConfigurableApplicationContext configured = TestNodes.start(TestNodes.embeddedSettings(dataDir))) {
            ApiClient api = new ApiClient(TestNodes.port(configured));
            assertThat(api.get("/api/v1/account", tokenUnderTheStoredSecret).status()).isEqualTo(401);
            String token = api.signIn(email, PASSWORD);
            assertThat(api.get("/api/v1/account", token).status()).isEqualTo(200);
            assertThat(Jwts.parser().verifyWith(Keys.hmacShaKeyFor(Decoders.BASE64.decode(
                    EmbeddedTestProperties.JWT_SECRET))).build().parseSignedClaims(token).getPayload().getSubject())
                    .as("signed with the configured secret").isNotBlank();
            assertThat(configured.getBean(ServiceSecrets.class).origin()).isEqualTo(ServiceSecrets.Origin.CONFIGURED);
        }
        assertThat(Files.readString(secretFile)).as("the stored secret is left as it was").isEqualTo(stored);
    }

    @Test
    void afterARotationTwoFactorUsersSignInWhileThePreviousSecretIsListedAndAreToldTheirCodeIsWrongWhenNot()
            throws Exception {
        Path dataDir = Files.createTempDirectory("mailsift-secret-");
        String email = TestAccounts.uniqueEmail().toLowerCase();
        String totpSecret;
        JsonNode recoveryCodes;
        try (ConfigurableApplicationContext generated = TestNodes.start(withoutConfiguredSecret(dataDir))) {
            ApiClient api = new ApiClient(TestNodes.port(generated));
            String token = api.signUp(email, PASSWORD).token();
            totpSecret = api.post("/api/v1/account/totp", token, Map.of()).json().get("secret").asText();
            recoveryCodes = api.post("/api/v1/account/totp/confirm", token,
                    Map.of("code", TotpCodes.totp(totpSecret, 0))).json().get("recovery_codes");
        }
        String generatedSecret = Files.readString(dataDir.resolve("secrets").resolve("service-secret")).strip();

        Map<String, String> rotated = TestNodes.embeddedSettings(dataDir);
        rotated.put("mailsift.security.previous-jwt-secrets", generatedSecret);
        try (ConfigurableApplicationContext node = TestNodes.start(rotated)) {
            ApiClient api = new ApiClient(TestNodes.port(node));
            assertThat(api.post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD,
                    "totp", TotpCodes.totp(totpSecret, 1))).status()).isEqualTo(200);
            assertThat(api.post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD,
                    "totp", recoveryCodes.get(0).asText())).status()).isEqualTo(200);
        }

        try (ConfigurableApplicationContext node = TestNodes.start(TestNodes.embeddedSettings(dataDir))) {
            ApiClient api = new ApiClient(TestNodes.port(node));
            ApiClient.Reply refused = api.post("/api/v1/auth/token", null, Map.of("email", email,
                    "password", PASSWORD, "totp", TotpCodes.totp(totpSecret, 0)));
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:mailsift:problem:totp-required");
            assertThat(api.post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD,
                    "totp", recoveryCodes.get(1).asText())).status()).isEqualTo(401);
        }
    }

    /** The embedded test settings (operator account included) without MAILSIFT_JWT_SECRET. */
    private static Map<String, String> withoutConfiguredSecret(Path dataDir) {
        Map<String, String> settings = TestNodes.embeddedSettings(dataDir);
        settings.remove("mailsift.security.jwt-secret");
        return settings;
    }
}
