package dev.mailsift.web.audit.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.command.platform.blob.BlobKeys;
import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient.Reply;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.mailsift.web.support.TestAccounts.ADMIN_EMAIL;
import static dev.mailsift.web.support.TestAccounts.ADMIN_PASSWORD;
import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history is sealed behind the appends and verifies on the embedded default and on PostgreSQL alike
 * ({@code EmbeddedIntegrityTest}, {@code PostgresRabbitIntegrityTest}); every way of tampering is proven on
 * PostgreSQL by {@link PostgresChainTamperingTest}.
 */
interface IntegrityContract extends AccessContract {

    @Test
    default void theHistoryIsSealedBehindTheAppendsAndAnAlteredEventIsNamed() throws Exception {
        String operator = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        var user = api().signUp(uniqueEmail(), PASSWORD);
        assertThat(api().post("/api/v1/admin/users/" + user.userId() + "/credits", operator,
                Map.of("amount", 5, "reason", "sealed")).status()).isEqualTo(200);
        long granted = jdbc().queryForObject("SELECT MAX(globalindex) FROM domainevententry "
                + "WHERE aggregateidentifier = ?", Long.class, user.userId());

        JsonNode report = awaitSealedThrough(operator, granted);
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("checked").asLong()).isGreaterThanOrEqualTo(
                jdbc().queryForObject("SELECT COUNT(*) FROM domainevententry WHERE globalindex <= ?", Long.class,
                        granted));
        assertThat(api().get("/api/v1/audit/integrity", user.token()).status()).isEqualTo(403);

        byte[] payload = jdbc().queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?",
                byte[].class, granted);
        byte[] altered = payload.clone();
        altered[1] ^= 1;
        jdbc().update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", altered, granted);
        try {
            JsonNode tampered = api().get("/api/v1/audit/integrity", operator).json();
            assertThat(tampered.get("ok").asBoolean()).isFalse();
            assertThat(tampered.get("first_failure").get("position").asLong()).isEqualTo(granted);
            assertThat(tampered.get("first_failure").get("reason").asText()).isEqualTo("payload_changed");
        } finally {
            jdbc().update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", payload, granted);
        }
        assertThat(api().get("/api/v1/audit/integrity", operator).json().get("ok").asBoolean()).isTrue();
    }

    @Test
    default void everyCheckpointIsPublishedToTheBlobStoreOutsideTheDatabase() throws Exception {
        String operator = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        var user = api().signUp(uniqueEmail(), PASSWORD);
        long last = jdbc().queryForObject("SELECT MAX(globalindex) FROM domainevententry "
                + "WHERE aggregateidentifier = ?", Long.class, user.userId());
        awaitSealedThrough(operator, last);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (jdbc().queryForObject("SELECT COUNT(*) FROM audit_checkpoint WHERE published_at IS NULL",
                Long.class) > 0) {
            assertThat(System.nanoTime()).as("every checkpoint published within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
        List<Long> positions = jdbc().queryForList("SELECT position FROM audit_checkpoint", Long.class);
        assertThat(positions).isNotEmpty().allSatisfy(position ->
                assertThat(blobs().exists(BlobKeys.auditCheckpoint(position))).as("checkpoint %d", position).isTrue());
        JsonNode latest = api().get("/api/v1/audit/checkpoints/latest", operator).json();
        try (var published = blobs().open(BlobKeys.auditCheckpoint(latest.get("position").asLong()))) {
            JsonNode copy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(published);
            assertThat(copy).as("the published copy is the signed checkpoint").isEqualTo(latest);
            assertThat(AuditSigningKey.verifies(Base64.getDecoder().decode(copy.get("public_key").asText()),
                    Checkpoint.signedText(copy.get("position").asLong(), copy.get("seal").asText(),
                            copy.get("sealed_count").asLong(), copy.get("created_at").asText()),
                    Base64.getDecoder().decode(copy.get("signature").asText()))).as("its signature verifies").isTrue();
        }
    }

    @Test
    default void everySealedEventLiesInARecordedTimeSpanSoTimeRangesCanSkipTheRest() throws Exception {
        String operator = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        var user = api().signUp(uniqueEmail(), PASSWORD);
        long last = jdbc().queryForObject("SELECT MAX(globalindex) FROM domainevententry "
                + "WHERE aggregateidentifier = ?", Long.class, user.userId());
        long sealed = awaitSealedThrough(operator, last).get("sealed_through").asLong();

        long outside = jdbc().queryForObject("SELECT COUNT(*) FROM domainevententry e WHERE e.globalindex <= ? "
                + "AND NOT EXISTS (SELECT 1 FROM audit_time_span s WHERE e.globalindex BETWEEN s.first_position "
                + "AND s.last_position AND e.timestamp BETWEEN s.earliest AND s.latest)", Long.class, sealed);
        assertThat(outside).as("sealed events outside every span").isZero();
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM audit_time_span a JOIN audit_time_span b "
                + "ON a.first_position < b.first_position AND b.first_position <= a.last_position", Long.class))
                .as("overlapping spans").isZero();
    }

    private JsonNode awaitSealedThrough(String operator, long position) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Reply reply = api().get("/api/v1/audit/integrity", operator);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            if (reply.json().get("sealed_through").asLong() >= position) {
                return reply.json();
            }
            assertThat(System.nanoTime()).as("sealed through " + position + " within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
