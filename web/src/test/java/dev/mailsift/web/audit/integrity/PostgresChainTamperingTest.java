package dev.mailsift.web.audit.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.RealServices;
import dev.mailsift.web.support.TestMailServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.mailsift.web.support.TestAccounts.ADMIN_EMAIL;
import static dev.mailsift.web.support.TestAccounts.ADMIN_PASSWORD;
import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way of tampering with a sealed history on PostgreSQL, done to the tables directly as someone with the
 * database's password would, is named with its position and reason by the integrity endpoint and by the offline
 * verifier; undoing it makes the history verify again.
 */
@Tag("real-services")
@DirtiesContext
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresChainTamperingTest {

    private static final String PASSWORD = "correct horse battery";
    private static String databaseUrl;

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private TransactionTemplate transactions;
    private ApiClient api;
    private String operator;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        databaseUrl = RealServices.register(registry, "mailsift-audit-chain-");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
        registry.add("mailsift.audit.seal-interval", () -> "100ms");
        registry.add("mailsift.audit.gap-timeout", () -> "1s");
        registry.add("mailsift.audit.checkpoint-every", () -> "4");
        registry.add("mailsift.audit.seal-batch", () -> "7");
    }

    @BeforeEach
    void aSealedHistory() throws Exception {
        api = new ApiClient(port);
        operator = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        if (jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Long.class) < 20) {
            for (int i = 0; i < 3; i++) {
                grantTo(api.signUp(uniqueEmail(), PASSWORD).userId(), 2);
            }
        }
        awaitSealedThroughTheLastEvent();
    }

    @Test
    void anIntactHistoryVerifiesOnlineAndOfflineAgainstAKeptCheckpoint() throws Exception {
        JsonNode report = integrity();
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Long.class);

        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("checked").asLong()).isEqualTo(events);
        assertThat(report.get("sealed_through").asLong()).isEqualTo(lastPosition());
        assertThat(report.has("first_failure")).isFalse();
        assertThat(report.get("last_checkpoint").get("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_checkpoint", Long.class))
                .as("a checkpoint every 4 events at most, in batches of 7").isGreaterThan(2);

        String user = api.signUp(uniqueEmail(), PASSWORD).token();
        assertThat(api.get("/api/v1/audit/integrity", user).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/checkpoints/latest", user).status()).isEqualTo(403);

        Offline offline = verifyOffline(keptCheckpoint());
        assertThat(offline.exitCode()).as(offline.output()).isZero();
        assertThat(offline.output()).contains("Audit chain intact")
                                    .contains("signatures checked against the kept checkpoint's key");
    }

    @Test
    void anAlteredPayloadByteIsNamedWithItsPosition() throws Exception {
        Path kept = keptCheckpoint();
        long position = middlePosition();
        byte[] payload = column(position, "payload");
        byte[] altered = payload.clone();
        altered[altered.length / 2] ^= 1;
        assertNamedWhileAltered(position, "payload", altered, kept);
    }

    @Test
    void anAlteredActorInTheMetadataIsNamedWithItsPosition() throws Exception {
        Path kept = keptCheckpoint();
        long position = jdbc.queryForList("SELECT globalindex FROM domainevententry ORDER BY globalindex", Long.class)
                            .stream().filter(p -> new String(column(p, "metadata"), StandardCharsets.UTF_8)
                        .contains("\"actor\":\"user:")).findFirst().orElseThrow();
        byte[] altered = new String(column(position, "metadata"), StandardCharsets.UTF_8)
                .replace("\"actor\":\"user:", "\"actor\":\"user:0").getBytes(StandardCharsets.UTF_8);
        assertNamedWhileAltered(position, "metadata", altered, kept);
    }

    /** With {@code column} of the event at {@code position} altered, both judges name it; restored, it verifies. */
    private void assertNamedWhileAltered(long position, String column, byte[] altered, Path kept) {
        byte[] original = column(position, column);
        String update = "UPDATE domainevententry SET " + column + " = ? WHERE globalindex = ?";
        jdbc.update(update, altered, position);
        try {
            assertFailure(position, "payload_changed", kept);
        } finally {
            jdbc.update(update, original, position);
        }
        assertIntact(kept);
    }

    @Test
    void aDeletedEventIsNamedWithItsPosition() throws Exception {
        Path kept = keptCheckpoint();
        long position = middlePosition();
        Map<String, Object> row = row(position);
        jdbc.update("DELETE FROM domainevententry WHERE globalindex = ?", position);
        try {
            assertFailure(position, "missing", kept);
        } finally {
            insert(row);
        }
        assertIntact(kept);
    }

    @Test
    void twoSwappedEventsAreNamedAtTheFirstOfThem() throws Exception {
        Path kept = keptCheckpoint();
        long first = middlePosition();
        long second = lastPosition() - 1;
        Map<String, Object> one = row(first);
        Map<String, Object> other = row(second);
        transactions.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM domainevententry WHERE globalindex IN (?, ?)", first, second);
            insert(withPosition(one, second));
            insert(withPosition(other, first));
        });
        try {
            JsonNode failure = assertFailure(first, "reordered", kept);
            assertThat(failure.get("detail").asText()).contains("sealed at position " + second);
        } finally {
            transactions.executeWithoutResult(status -> {
                jdbc.update("DELETE FROM domainevententry WHERE globalindex IN (?, ?)", first, second);
                insert(one);
                insert(other);
            });
        }
        assertIntact(kept);
    }

    @Test
    void anEventSlippedIntoAHoleTheChainPassedIsNamed() throws Exception {
        // A position taken and never used (a rolled-back append): sealing passes it after the gap timeout.
        long hole = jdbc.queryForObject(
                "SELECT nextval(pg_get_serial_sequence('domainevententry', 'globalindex'))", Long.class);
        grantTo(api.signUp(uniqueEmail(), PASSWORD).userId(), 1);
        awaitSealedThroughTheLastEvent();
        Path kept = keptCheckpoint();
        Map<String, Object> forged = new HashMap<>(row(middlePosition()));
        forged.put("globalindex", hole);
        forged.put("eventidentifier", UUID.randomUUID().toString());
        forged.put("aggregateidentifier", "slipped-in");
        insert(forged);
        try {
            assertFailure(hole, "inserted", kept);
        } finally {
            jdbc.update("DELETE FROM domainevententry WHERE globalindex = ?", hole);
        }
        assertIntact(kept);
    }

    @Test
    void aCheckpointAlteredOrSignedWithAnotherKeyIsNamed() throws Exception {
        Path kept = keptCheckpoint();
        Checkpoint genuine = OfflineVerifier.readCheckpoint(kept);
        long earlier = jdbc.queryForObject("SELECT MIN(position) FROM audit_checkpoint", Long.class);

        jdbc.update("UPDATE audit_checkpoint SET sealed_count = sealed_count + 1 WHERE position = ?", earlier);
        try {
            JsonNode failure = assertFailure(earlier, "bad_signature", kept);
            assertThat(failure.get("detail").asText()).contains("does not verify");
        } finally {
            jdbc.update("UPDATE audit_checkpoint SET sealed_count = sealed_count - 1 WHERE position = ?", earlier);
        }

        byte[] someoneElsesSeed = new byte[32];
        new SecureRandom().nextBytes(someoneElsesSeed);
        Checkpoint forged = Checkpoint.signed(AuditSigningKey.fromSeed(someoneElsesSeed), genuine.position(),
                genuine.seal(), genuine.sealedCount(), genuine.createdAt());
        setCheckpoint(forged);
        try {
            JsonNode failure = assertFailure(genuine.position(), "bad_signature", kept);
            assertThat(failure.get("detail").asText()).contains("not trusted");
            Offline unanchored = verifyOffline(null);
            assertThat(unanchored.exitCode()).as("without a kept checkpoint, only self-consistency").isZero();
            assertThat(unanchored.output()).contains("keys stored with them only");
        } finally {
            setCheckpoint(genuine);
        }
        assertIntact(kept);
    }

    @Test
    void eventsRewrittenAndResealedAreCaughtByTheSignedCheckpoints() throws Exception {
        Path kept = keptCheckpoint();
        long first = jdbc.queryForObject("SELECT MIN(globalindex) FROM domainevententry", Long.class);
        long firstCheckpoint = jdbc.queryForObject("SELECT MIN(position) FROM audit_checkpoint", Long.class);
        byte[] payload = column(first, "payload");
        List<Map<String, Object>> seals = jdbc.queryForList("SELECT * FROM audit_seal ORDER BY position");
        Map<String, Object> head = jdbc.queryForMap("SELECT * FROM audit_chain_head");
        transactions.executeWithoutResult(status -> {
            jdbc.queryForMap("SELECT * FROM audit_chain_head FOR UPDATE");
            byte[] altered = payload.clone();
            altered[altered.length - 2] ^= 1;
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", altered, first);
            reseal();
        });
        try {
            assertFailure(firstCheckpoint, "checkpoint_mismatch", kept);
        } finally {
            transactions.executeWithoutResult(status -> {
                jdbc.queryForMap("SELECT * FROM audit_chain_head FOR UPDATE");
                jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", payload, first);
                jdbc.update("DELETE FROM audit_seal");
                seals.forEach(seal -> jdbc.update("INSERT INTO audit_seal (position, event_digest, seal) "
                        + "VALUES (?, ?, ?)", seal.get("position"), seal.get("event_digest"), seal.get("seal")));
                jdbc.update("UPDATE audit_chain_head SET seal = ? WHERE id = 1", head.get("seal"));
            });
        }
        assertIntact(kept);
    }

    /** What someone who knows the scheme but not the signing key does: recompute every seal and the head. */
    private void reseal() {
        byte[] seal = HashChain.GENESIS;
        for (Long position : jdbc.queryForList("SELECT position FROM audit_seal ORDER BY position", Long.class)) {
            Map<String, Object> row = row(position);
            StoredEvent event = new StoredEvent(position, (String) row.get("eventidentifier"), (String) row.get("type"),
                    (String) row.get("aggregateidentifier"), (Long) row.get("sequencenumber"),
                    (String) row.get("payloadtype"), (String) row.get("payloadrevision"), (String) row.get("timestamp"),
                    (byte[]) row.get("payload"), (byte[]) row.get("metadata"));
            byte[] digest = event.digest();
            seal = HashChain.next(seal, position, digest);
            jdbc.update("UPDATE audit_seal SET event_digest = ?, seal = ? WHERE position = ?", digest, seal, position);
        }
        jdbc.update("UPDATE audit_chain_head SET seal = ? WHERE id = 1", (Object) seal);
    }

    private JsonNode assertFailure(long position, String reason, Path kept) {
        JsonNode report = integrity();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isFalse();
        JsonNode failure = report.get("first_failure");
        assertThat(failure.get("position").asLong()).as(report.toString()).isEqualTo(position);
        assertThat(failure.get("reason").asText()).as(report.toString()).isEqualTo(reason);

        Offline offline = verifyOffline(kept);
        assertThat(offline.exitCode()).as(offline.output()).isEqualTo(1);
        assertThat(offline.output()).contains("Audit chain FAILED at position " + position + ": " + reason);
        return failure;
    }

    private void assertIntact(Path kept) {
        JsonNode report = integrity();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        Offline offline = verifyOffline(kept);
        assertThat(offline.exitCode()).as(offline.output()).isZero();
    }

    private JsonNode integrity() {
        Reply reply = api.get("/api/v1/audit/integrity", operator);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private Path keptCheckpoint() throws Exception {
        Reply latest = api.get("/api/v1/audit/checkpoints/latest", operator);
        assertThat(latest.status()).as(latest.body()).isEqualTo(200);
        Path file = Files.createTempFile("checkpoint-", ".json");
        Files.writeString(file, latest.body());
        return file;
    }

    private record Offline(int exitCode, String output) {
    }

    private Offline verifyOffline(Path checkpoint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = checkpoint == null ? new String[]{"verify"}
                : new String[]{"verify", "--checkpoint", checkpoint.toString()};
        int exit = OfflineVerifier.run(args, Map.of("MAILSIFT_DB_URL", databaseUrl, "MAILSIFT_DB_USER",
                RealServices.user()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Offline(exit, out.toString(StandardCharsets.UTF_8));
    }

    private void grantTo(String userId, int times) {
        for (int i = 0; i < times; i++) {
            Reply granted = api.post("/api/v1/admin/users/" + userId + "/credits", operator,
                    Map.of("amount", 10 + i, "reason", "audit history"));
            assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        }
    }

    private void awaitSealedThroughTheLastEvent() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (jdbc.queryForObject("SELECT position FROM audit_chain_head", Long.class) < lastPosition()) {
            assertThat(System.nanoTime()).as("sealed within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private long lastPosition() {
        return jdbc.queryForObject("SELECT MAX(globalindex) FROM domainevententry", Long.class);
    }

    private long middlePosition() {
        List<Long> positions = jdbc.queryForList("SELECT globalindex FROM domainevententry ORDER BY globalindex",
                Long.class);
        return positions.get(positions.size() / 2);
    }

    private byte[] column(long position, String column) {
        return jdbc.queryForObject("SELECT " + column + " FROM domainevententry WHERE globalindex = ?",
                byte[].class, position);
    }

    private Map<String, Object> row(long position) {
        return jdbc.queryForMap("SELECT * FROM domainevententry WHERE globalindex = ?", position);
    }

    private static Map<String, Object> withPosition(Map<String, Object> row, long position) {
        Map<String, Object> moved = new HashMap<>(row);
        moved.put("globalindex", position);
        return moved;
    }

    private void insert(Map<String, Object> row) {
        jdbc.update("INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, "
                        + "eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.get("globalindex"),
                row.get("aggregateidentifier"), row.get("sequencenumber"), row.get("type"),
                row.get("eventidentifier"), row.get("metadata"), row.get("payload"), row.get("payloadrevision"),
                row.get("payloadtype"), row.get("timestamp"));
    }

    private void setCheckpoint(Checkpoint checkpoint) {
        jdbc.update("UPDATE audit_checkpoint SET seal = ?, sealed_count = ?, created_at = ?, public_key = ?, "
                        + "signature = ? WHERE position = ?", checkpoint.sealHex(), checkpoint.sealedCount(),
                checkpoint.createdAt(), checkpoint.publicKeyBase64(), checkpoint.signatureBase64(),
                checkpoint.position());
    }
}
