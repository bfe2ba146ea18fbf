package dev.mailsift.web.audit.integrity;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code ./mailsift audit verify [--checkpoint FILE]}: checks the whole chain straight from the database, without the
 * service running, the same way the service's integrity endpoint does. The database is {@code MAILSIFT_DB_URL}
 * ({@code _USER}, {@code _PASSWORD}), or the embedded one under {@code MAILSIFT_DATA_DIR} ({@code ./data}). Exits 0
 * when intact, 1 naming the first failing position, 2 when it cannot check.
 * <p>
 * Whose signatures count: a kept checkpoint's key when one is given (every stored checkpoint must be signed by it);
 * else the key of {@code MAILSIFT_AUDIT_SIGNING_KEY} when set; else each checkpoint's own key, which proves only that
 * checkpoints were not altered after signing (the summary says so).
 */
public final class OfflineVerifier {

    static final int INTACT = 0;
    static final int FAILED = 1;
    static final int CANNOT_CHECK = 2;
    private static final String USAGE = "usage: mailsift audit verify [--checkpoint FILE]";

    private OfflineVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The command itself, for callers in the same JVM (tests, the pipeline benchmark): returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0 || !args[0].equals("verify") || !(args.length == 1
                || (args.length == 3 && args[1].equals("--checkpoint")))) {
            err.println(USAGE);
            return CANNOT_CHECK;
        }
        Optional<Checkpoint> anchor;
        try {
            anchor = args.length == 3 ? Optional.of(readCheckpoint(Path.of(args[2]))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            err.println("Cannot read the checkpoint " + args[2] + ": " + e.getMessage());
            return CANNOT_CHECK;
        }
        String url = env.getOrDefault("MAILSIFT_DB_URL", embeddedUrl(env));
        try (Connection connection = DriverManager.getConnection(url, env.getOrDefault("MAILSIFT_DB_USER", "sa"),
                env.getOrDefault("MAILSIFT_DB_PASSWORD", ""))) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            Trust trust = trust(anchor, env);
            IntegrityReport report = new ChainVerifier(new ChainTables(connection), trust.keys()).verify(anchor);
            connection.rollback();
            print(report, trust, out);
            return report.ok() ? INTACT : FAILED;
        } catch (SQLException | RuntimeException e) {
            err.println("Cannot check the audit chain in " + url + ": " + e.getMessage());
            return CANNOT_CHECK;
        }
    }

    private record Trust(Predicate<byte[]> keys, String description) {
    }

    private static Trust trust(Optional<Checkpoint> anchor, Map<String, String> env) {
        if (anchor.isPresent()) {
            byte[] kept = anchor.get().publicKey();
            return new Trust(key -> Arrays.equals(key, kept), "signatures checked against the kept checkpoint's key");
        }
        String seed = env.getOrDefault("MAILSIFT_AUDIT_SIGNING_KEY", "");
        if (!seed.isBlank()) {
            byte[] configured = AuditSigningKey.fromBase64Seed(seed).publicKey();
            return new Trust(key -> Arrays.equals(key, configured),
                    "signatures checked against MAILSIFT_AUDIT_SIGNING_KEY");
        }
        return new Trust(key -> true, "signatures checked against the keys stored with them only: pass "
                + "--checkpoint FILE (a checkpoint kept outside the database) to anchor the history");
    }

    static Checkpoint readCheckpoint(Path file) throws IOException {
        return new ObjectMapper().readValue(Files.readString(file), Checkpoint.class);
    }

    private static String embeddedUrl(Map<String, String> env) {
        Path dataDir = Path.of(env.getOrDefault("MAILSIFT_DATA_DIR", "./data")).toAbsolutePath().normalize();
        return "jdbc:h2:file:" + dataDir.resolve("mailsift")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;IFEXISTS=TRUE";
    }

    private static void print(IntegrityReport report, Trust trust, PrintStream out) {
        if (report.ok()) {
            out.println("Audit chain intact: " + report.checked() + " sealed events checked through position "
                    + report.sealedThrough() + " in " + report.elapsedMs() + " ms.");
        } else {
            IntegrityReport.Failure failure = report.firstFailure();
            out.println("Audit chain FAILED at position " + failure.position() + ": " + failure.reason().code()
                    + " (" + failure.detail() + "); " + report.checked() + " events checked before it.");
        }
        out.println("Head: " + report.head());
        if (report.lastCheckpoint() != null) {
            out.println("Last checkpoint: position " + report.lastCheckpoint().position() + ", signed "
                    + report.lastCheckpoint().createdAt() + "; " + trust.description() + ".");
        } else {
            out.println("No checkpoint signed yet.");
        }
        if (report.unsealed() > 0) {
            out.println(report.unsealed() + " events after position " + report.sealedThrough()
                    + " are not sealed yet (sealing runs behind the appends).");
        }
    }
}
