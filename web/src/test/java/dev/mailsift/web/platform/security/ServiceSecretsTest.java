package dev.mailsift.web.platform.security;

import dev.mailsift.web.platform.security.OneTimeCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceSecretsTest {

    private static final String EMBEDDED = "jdbc:h2:file:./data/mailsift;MODE=PostgreSQL";
    private static final String SHARED = "jdbc:postgresql://db:5432/mailsift";
    private static final String CONFIGURED = Base64.getEncoder().encodeToString(
            "a configured secret of 32 bytes!".getBytes(StandardCharsets.US_ASCII));
    private static final String PREVIOUS = Base64.getEncoder().encodeToString(
            "the secret configured before it!".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dataDir;

    @Test
    void aGeneratedSecretIsKeptInAnOwnerOnlyFileOfTheDataDirectoryAndFoundAgainAtTheNextStart() throws Exception {
        ServiceSecrets first = resolve(null, List.of(), EMBEDDED, null);
        ServiceSecrets second = resolve(null, List.of(), EMBEDDED, null);

        assertThat(second.accessTokenKey()).isEqualTo(first.accessTokenKey()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(second.origin()).isEqualTo(ServiceSecrets.Origin.DATA_DIRECTORY);
        Path file = dataDir.resolve("secrets").resolve("service-secret");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(first.accessTokenKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(second.describe()).contains(file.toString()).doesNotContain(Files.readString(file).strip());
    }

    @Test
    void aStoredSecretFileReadableByOthersIsMadeOwnerOnlyAgain() throws Exception {
        resolve(null, List.of(), EMBEDDED, null);
        Path file = dataDir.resolve("secrets").resolve("service-secret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        resolve(null, List.of(), EMBEDDED, null);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aConfiguredSecretWinsOverTheStoredOneAndLeavesItAlone() throws Exception {
        ServiceSecrets generated = resolve(null, List.of(), EMBEDDED, null);
        Path file = dataDir.resolve("secrets").resolve("service-secret");
        String stored = Files.readString(file);

        ServiceSecrets configured = resolve(CONFIGURED, List.of(), EMBEDDED, null);

        assertThat(configured.origin()).isEqualTo(ServiceSecrets.Origin.CONFIGURED);
        assertThat(configured.accessTokenKey()).isEqualTo(Base64.getDecoder().decode(CONFIGURED))
                                               .isNotEqualTo(generated.accessTokenKey());
        assertThat(configured.describe()).isEqualTo("configured (MAILSIFT_JWT_SECRET)");
        assertThat(Files.readString(file)).isEqualTo(stored);
    }

    @Test
    void nodesStartingAtOnceOnASharedDatabaseAllResolveTheOneSecretStoredFirst() throws Exception {
        JdbcTemplate jdbc = sharedDatabase();
        int nodes = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<byte[]>> keys;
        try (ExecutorService starting = Executors.newFixedThreadPool(nodes)) {
            keys = java.util.stream.IntStream.range(0, nodes).mapToObj(node -> starting.submit(() -> {
                start.await();
                ServiceSecrets secrets = resolve(null, List.of(), SHARED, jdbc);
                assertThat(secrets.origin()).isEqualTo(ServiceSecrets.Origin.DATABASE);
                return secrets.accessTokenKey();
            })).toList();
            start.countDown();
        }

        String stored = jdbc.queryForObject("SELECT secret FROM service_secret", String.class);
        for (Future<byte[]> key : keys) {
            assertThat(key.get()).isEqualTo(Base64.getDecoder().decode(stored));
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM service_secret", Integer.class)).isEqualTo(1);
        assertThat(Files.exists(dataDir.resolve("secrets"))).as("nothing kept on one node's disk").isFalse();
    }

    @Test
    void aConfiguredSecretWinsOverTheOneInTheSharedDatabase() {
        JdbcTemplate jdbc = sharedDatabase();
        resolve(null, List.of(), SHARED, jdbc);

        ServiceSecrets configured = resolve(CONFIGURED, List.of(), SHARED, jdbc);

        assertThat(configured.accessTokenKey()).isEqualTo(Base64.getDecoder().decode(CONFIGURED));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM service_secret", Integer.class)).isEqualTo(1);
    }

    @Test
    void aSecretThatIsNotBase64OrShorterThan256BitsStopsTheStartWithoutBeingRepeated() throws Exception {
        String short128Bits = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> resolve(short128Bits, List.of(), EMBEDDED, null))
                .hasMessage("The secret in MAILSIFT_JWT_SECRET has 128 bits; at least 256 are needed.");
        assertThatThrownBy(() -> resolve("not base64 at all!", List.of(), EMBEDDED, null))
                .hasMessage("The secret in MAILSIFT_JWT_SECRET is not base64.");
        assertThatThrownBy(() -> resolve(CONFIGURED, List.of(short128Bits), EMBEDDED, null))
                .hasMessageContaining("MAILSIFT_JWT_PREVIOUS_SECRETS").hasMessageNotContaining(short128Bits);

        Path file = dataDir.resolve("secrets").resolve("service-secret");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
        assertThatThrownBy(() -> resolve(null, List.of(), EMBEDDED, null))
                .as("an emptied file is not silently replaced: that would lock two-factor users out")
                .hasMessageContaining(file.toString());
    }

    @Test
    void totpSecretsSealedAndCodesHashedUnderAConfiguredSecretBeforeStillOpenAndMatch() throws Exception {
        ServiceSecrets secrets = resolve(CONFIGURED, List.of(), EMBEDDED, null);
        byte[] master = Base64.getDecoder().decode(CONFIGURED);
        String sealedBefore = sealAsBefore(master, "user-1", "JBSWY3DPEHPK3PXP");

        assertThat(new SecretBox(secrets).open("user-1", sealedBefore)).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(new OneTimeCodes(secrets).hash(OneTimeCodes.CONFIRM_EMAIL, "user-1", "123456"))
                .isEqualTo(codeHashAsBefore(master, OneTimeCodes.CONFIRM_EMAIL + "\nuser-1\n123456"));
    }

    @Test
    void afterARotationThePreviousSecretStillOpensWhatItSealedAndMatchesItsCodesWhileNewDataUsesTheCurrentOne() {
        ServiceSecrets before = resolve(PREVIOUS, List.of(), EMBEDDED, null);
        String sealedBefore = new SecretBox(before).seal("user-1", "JBSWY3DPEHPK3PXP");
        String recoveryBefore = new OneTimeCodes(before).hash("recovery-code", "user-1", "ABCDE23456");

        ServiceSecrets rotated = resolve(CONFIGURED, List.of(PREVIOUS), EMBEDDED, null);
        SecretBox box = new SecretBox(rotated);
        OneTimeCodes codes = new OneTimeCodes(rotated);

        assertThat(box.open("user-1", sealedBefore)).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(codes.hashesUnderEverySecret("recovery-code", "user-1", "ABCDE23456")).contains(recoveryBefore);
        assertThat(codes.hash("recovery-code", "user-1", "ABCDE23456")).isNotEqualTo(recoveryBefore);
        assertThatThrownBy(() -> new SecretBox(resolve(CONFIGURED, List.of(), EMBEDDED, null))
                .open("user-1", sealedBefore))
                .as("unless the previous secret is listed").isInstanceOf(IllegalStateException.class);
        String sealedNow = box.seal("user-1", "KRSXG5CTMVRXEZLU");
        assertThatThrownBy(() -> new SecretBox(before).open("user-1", sealedNow))
                .as("sealed under the current secret only").isInstanceOf(IllegalStateException.class);
        assertThat(rotated.accessTokenKey()).as("a previous secret never signs")
                                            .isEqualTo(Base64.getDecoder().decode(CONFIGURED));
        assertThat(rotated.describe()).contains("1 previous secret");
    }

    private ServiceSecrets resolve(String configured, List<String> previous, String databaseUrl, JdbcTemplate jdbc) {
        SecurityProperties properties = new SecurityProperties(configured, previous, null, null, null, null, null,
                null, null);
        return new ServiceSecrets(properties, dataDir, databaseUrl, jdbc, Clock.systemUTC());
    }

    /** An in-memory database standing in for the shared one, with the table its migration creates. */
    private static JdbcTemplate sharedDatabase() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:secrets-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        try (Connection connection = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/migration/V16__service_secret.sql"));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return new JdbcTemplate(dataSource);
    }

    /** How SecretBox sealed before the service had secrets of its own: AES-GCM under HMAC(secret, label). */
    private static String sealAsBefore(byte[] configured, String owner, String plaintext) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(configured, "HmacSHA256"));
        SecretKeySpec key = new SecretKeySpec(mac.doFinal("mailsift secret box".getBytes(StandardCharsets.UTF_8)),
                "AES");
        byte[] iv = new byte[12];
        new java.security.SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed)
                                                            .array());
    }

    /** How OneTimeCodes hashed before: HMAC under HMAC(secret, "mailsift one-time codes"). */
    private static String codeHashAsBefore(byte[] configured, String input) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(configured, "HmacSHA256"));
        byte[] key = mac.doFinal("mailsift one-time codes".getBytes(StandardCharsets.UTF_8));
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }
}
