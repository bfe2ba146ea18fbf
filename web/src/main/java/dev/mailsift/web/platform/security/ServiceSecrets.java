package dev.mailsift.web.platform.security;

import io.jsonwebtoken.io.DecodingException;
import io.jsonwebtoken.io.Decoders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The service's master secret, and the per-purpose keys derived from it. It is the configured
 * {@code MAILSIFT_JWT_SECRET} when there is one; otherwise one generated once (256 random bits) and kept where every
 * node of the deployment finds it: on the embedded H2 default in an owner-only file under the data directory, on a
 * shared database in its {@code service_secret} table (docs/decisions/0026-service-secrets.md).
 * <p>
 * Access tokens are signed with the master secret itself, sealed secrets and mailed-code HMACs use
 * {@code HMAC-SHA256(master, label)}: the derivations the service has always used for a configured secret, so
 * tokens, TOTP secrets and codes made before stay valid. Secrets listed in {@code MAILSIFT_JWT_PREVIOUS_SECRETS} still
 * open sealed secrets and match recovery codes after a rotation, but never sign or verify a token.
 */
@Component
@DependsOnDatabaseInitialization
public class ServiceSecrets {

    /** Where the master secret came from. */
    public enum Origin { CONFIGURED, DATA_DIRECTORY, DATABASE }

    static final int MINIMUM_BYTES = 32;
    static final String DIRECTORY = "secrets";
    static final String FILE = "service-secret";
    static final String ROW = "master";
    private static final String SEALING_LABEL = "mailsift secret box";
    private static final String CODE_HASHING_LABEL = "mailsift one-time codes";
    private static final String AUDIT_SIGNING_LABEL = "mailsift audit checkpoints";
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(ServiceSecrets.class);

    private final byte[] master;
    private final List<byte[]> previous;
    private final Origin origin;
    private final String whereKept;

    ServiceSecrets(SecurityProperties properties, @Value("${mailsift.data-dir}") Path dataDir,
                   @Value("${spring.datasource.url:}") String databaseUrl, JdbcTemplate jdbc, Clock clock) {
        List<byte[]> previousSecrets = new ArrayList<>();
        for (String secret : properties.previousJwtSecrets()) {
            previousSecrets.add(decode(secret, "an entry of MAILSIFT_JWT_PREVIOUS_SECRETS"));
        }
        this.previous = List.copyOf(previousSecrets);
        String configured = properties.jwtSecret();
        if (configured != null && !configured.isBlank()) {
            this.master = decode(configured, "MAILSIFT_JWT_SECRET");
            this.origin = Origin.CONFIGURED;
            this.whereKept = "MAILSIFT_JWT_SECRET";
        } else if (isEmbedded(databaseUrl)) {
            Path file = dataDir.resolve(DIRECTORY).resolve(FILE).toAbsolutePath().normalize();
            this.master = decode(inFile(file), file.toString());
            this.origin = Origin.DATA_DIRECTORY;
            this.whereKept = file.toString();
        } else {
            this.master = decode(inDatabase(jdbc, clock), "table service_secret");
            this.origin = Origin.DATABASE;
            this.whereKept = "table service_secret of the database";
        }
    }

    public Origin origin() {
        return origin;
    }

    /** Where the secret came from, for the start-up report: never the secret itself. */
    public String describe() {
        String source = switch (origin) {
            case CONFIGURED -> "configured (MAILSIFT_JWT_SECRET)";
            case DATA_DIRECTORY -> "generated, kept in " + whereKept + " (owner-only) - set MAILSIFT_JWT_SECRET to "
                    + "configure it";
            case DATABASE -> "generated, kept in the " + whereKept + " - set MAILSIFT_JWT_SECRET to configure it";
        };
        return previous.isEmpty() ? source
                : source + "; " + previous.size() + " previous secret(s) still open sealed secrets";
    }

    /** The HS256 key of access tokens: the master secret itself. */
    byte[] accessTokenKey() {
        return master.clone();
    }

    /** AES-256 keys that seal secrets to be read back: the current one first, then those of previous secrets. */
    List<SecretKeySpec> sealingKeys() {
        return derived(SEALING_LABEL, "AES");
    }

    /** HMAC-SHA256 keys of mailed and recovery codes: the current one first, then those of previous secrets. */
    List<SecretKeySpec> codeHashingKeys() {
        return derived(CODE_HASHING_LABEL, "HmacSHA256");
    }

    /**
     * 32-byte seeds of the Ed25519 keys that sign the audit chain's checkpoints when no key of their own is
     * configured: the current one first, then those of previous secrets (so checkpoints signed before a rotation still
     * verify).
     */
    public List<byte[]> auditSigningSeeds() {
        return derived(AUDIT_SIGNING_LABEL, "Ed25519").stream().map(SecretKeySpec::getEncoded).toList();
    }

    private List<SecretKeySpec> derived(String label, String algorithm) {
        List<SecretKeySpec> keys = new ArrayList<>();
        keys.add(new SecretKeySpec(hmac(master, label), algorithm));
        previous.forEach(secret -> keys.add(new SecretKeySpec(hmac(secret, label), algorithm)));
        return keys;
    }

    private static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** H2 in a file or in memory belongs to this one process; a server (H2 TCP, PostgreSQL) may serve many nodes. */
    static boolean isEmbedded(String databaseUrl) {
        return databaseUrl.startsWith("jdbc:h2:") && !databaseUrl.startsWith("jdbc:h2:tcp:")
                && !databaseUrl.startsWith("jdbc:h2:ssl:");
    }

    /** The secret in {@code file}, written there first if there is none yet. */
    static String inFile(Path file) {
        try {
            Path directory = file.getParent();
            boolean posix = Files.getFileStore(existingAncestor(directory))
                                 .supportsFileAttributeView(PosixFileAttributeView.class);
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, posix
                        ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY)}
                        : new FileAttribute<?>[0]);
            }
            if (!Files.exists(file)) {
                // Written whole to a private temporary file, then moved into place unless someone was first.
                Path written = posix
                        ? Files.createTempFile(directory, FILE, ".new",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                        : Files.createTempFile(directory, FILE, ".new");
                try {
                    Files.writeString(written, newSecret() + "\n");
                    Files.move(written, file);
                    log.info("Generated the service secret and stored it in {}", file);
                } catch (FileAlreadyExistsException someoneWasFirst) {
                    // theirs is kept
                } finally {
                    Files.deleteIfExists(written);
                }
            }
            if (posix) {
                keepOwnerOnly(directory, OWNER_ONLY_DIRECTORY);
                keepOwnerOnly(file, OWNER_ONLY_FILE);
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the service secret in " + file
                    + " (set MAILSIFT_JWT_SECRET, or make the data directory writable)", e);
        }
    }

    private static Path existingAncestor(Path path) {
        Path existing = path.toAbsolutePath();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing;
    }

    private static void keepOwnerOnly(Path path, Set<PosixFilePermission> ownerOnly) throws IOException {
        if (!Files.getPosixFilePermissions(path).equals(ownerOnly)) {
            log.warn("{} was readable beyond its owner; now {}", path, PosixFilePermissions.toString(ownerOnly));
            Files.setPosixFilePermissions(path, ownerOnly);
        }
    }

    /** The secret in the shared database: the first node to insert it wins, every other node reads that one. */
    static String inDatabase(JdbcTemplate jdbc, Clock clock) {
        List<String> stored = stored(jdbc);
        if (stored.isEmpty()) {
            try {
                jdbc.update("INSERT INTO service_secret (name, secret, created_at) VALUES (?, ?, ?)", ROW,
                        newSecret(), Timestamp.from(clock.instant()));
                log.info("Generated the service secret and stored it in table service_secret");
            } catch (DataIntegrityViolationException anotherNodeWasFirst) {
                // theirs is read below
            }
            stored = stored(jdbc);
        }
        return stored.getFirst();
    }

    private static List<String> stored(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT secret FROM service_secret WHERE name = ?", String.class, ROW);
    }

    private static String newSecret() {
        byte[] secret = new byte[MINIMUM_BYTES];
        RANDOM.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    /** The bytes of a base64 secret; the value itself never appears in an error. */
    private static byte[] decode(String secret, String where) {
        byte[] bytes;
        try {
            bytes = Decoders.BASE64.decode(secret.strip());
        } catch (DecodingException | IllegalArgumentException e) {
            throw new IllegalStateException("The secret in " + where + " is not base64.");
        }
        if (bytes.length < MINIMUM_BYTES) {
            throw new IllegalStateException("The secret in " + where + " has " + bytes.length * 8
                    + " bits; at least " + MINIMUM_BYTES * 8 + " are needed.");
        }
        return bytes;
    }
}
