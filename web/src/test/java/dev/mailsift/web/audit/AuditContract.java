package dev.mailsift.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.api.user.CreditSource;
import dev.mailsift.api.user.GrantCredits;
import dev.mailsift.api.user.LinkExternalIdentity;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.SettleReservation;
import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.mailsift.web.support.ApiClient.PROBLEM_JSON;
import static dev.mailsift.web.support.TestAccounts.ADMIN_EMAIL;
import static dev.mailsift.web.support.TestAccounts.ADMIN_PASSWORD;
import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditors' history over HTTP: the auditor role, the global stream (filters, cursor, export, upcast payloads),
 * states as of an instant, the log of audit reads, and users' own history. Run on the embedded default and on the
 * real PostgreSQL and RabbitMQ by {@code EmbeddedAuditTest} and {@code PostgresRabbitAuditTest}.
 */
interface AuditContract extends AccessContract {

    String NDJSON = "application/x-ndjson";

    /** Commands sent as the system would, to script an account's history. */
    CommandGateway commands();

    @Test
    default void anAuditorGrantedByAnOperatorReadsTheHistoryFromTheNextRequestAndWritesNothing() throws Exception {
        String email = uniqueEmail();
        Session user = api().signUp(email, PASSWORD);
        String admin = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertForbidden(api().get("/api/v1/audit/events", user.token()));

        Reply granted = api().send("PUT", "/api/v1/admin/users/" + user.userId() + "/role", admin,
                Map.of("Content-Type", "application/json"), "{\"role\":\"AUDITOR\"}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.json().get("changed").asBoolean()).isTrue();
        assertThat(api().send("PUT", "/api/v1/admin/users/" + user.userId() + "/role", admin,
                Map.of("Content-Type", "application/json"), "{\"role\":\"AUDITOR\"}").json().get("changed")
                        .asBoolean()).isFalse();

        // the token minted before the grant: the role is read on every request
        assertThat(api().get("/api/v1/audit/events?limit=1", user.token()).status()).isEqualTo(200);
        // an auditor keeps their own account, and an export script reads with the auditor's API key
        assertThat(api().get("/api/v1/account", user.token()).status()).isEqualTo(200);
        Reply key = api().post("/api/v1/api-keys", user.token(), Map.of("label", "export"));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        String auditorKey = key.json().get("key").asText();
        assertThat(api().get("/api/v1/audit/events?limit=1", auditorKey).status()).isEqualTo(200);
        for (Reply refused : List.of(api().get("/api/v1/jobs", auditorKey),
                api().upload("/api/v1/jobs", user.token(), "file", "l.csv", "text/csv",
                        "email\nada@example.com\n".getBytes(StandardCharsets.UTF_8)),
                api().get("/api/v1/admin/users", user.token()),
                api().post("/api/v1/admin/users/" + user.userId() + "/credits", user.token(),
                        Map.of("amount", 5, "reason", "self")),
                api().post("/api/v1/audit/events", user.token(), Map.of()))) {
            assertForbidden(refused);
        }
        String fresh = api().signIn(email, PASSWORD);
        assertThat(roleClaim(fresh)).isEqualTo("AUDITOR");
        String adminId = api().get("/api/v1/account", admin).json().get("id").asText();
        assertThat(metadataOf(user.userId(), "RoleChanged", "AUDITOR").get("actor").asText())
                .isEqualTo("user:" + adminId);

        assertThat(api().send("PUT", "/api/v1/admin/users/" + user.userId() + "/role", admin,
                Map.of("Content-Type", "application/json"), "{\"role\":\"USER\"}").status()).isEqualTo(200);
        assertForbidden(api().get("/api/v1/audit/events", fresh));
        assertThat(api().get("/api/v1/account", fresh).status()).isEqualTo(200);
        assertThat(roleClaim(api().signIn(email, PASSWORD))).isEqualTo("USER");

        Reply operatorRole = api().send("PUT", "/api/v1/admin/users/" + user.userId() + "/role", admin,
                Map.of("Content-Type", "application/json"), "{\"role\":\"ADMIN\"}");
        assertThat(operatorRole.status()).isEqualTo(400);
    }

    @Test
    default void theGlobalStreamIsFilteredAndPagedByItsCursorAndNamesWhoDidWhat() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        String admin = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String adminId = api().get("/api/v1/account", admin).json().get("id").asText();
        grant(admin, user.userId(), 10, "first");
        Instant between = Instant.now();
        pause();
        grant(admin, user.userId(), 20, "second");

        JsonNode all = api().get("/api/v1/audit/events?aggregate_id=" + user.userId(), admin).json();
        JsonNode events = all.get("events");
        assertThat(events.size()).isGreaterThanOrEqualTo(3);
        JsonNode registered = events.get(0);
        assertThat(registered.get("type").asText()).isEqualTo("UserRegistered");
        assertThat(registered.get("aggregate_type").asText()).isEqualTo("User");
        assertThat(registered.get("sequence").asLong()).isZero();
        assertThat(registered.get("revision").asText()).isEqualTo("2");
        assertThat(registered.get("payload").get("passwordHash").asText()).isEqualTo("[redacted]");
        assertThat(registered.get("payload").get("emailConfirmed").asBoolean()).isFalse();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).get("position").asLong()).isGreaterThan(events.get(i - 1).get("position").asLong());
        }
        List<JsonNode> grants = new ArrayList<>();
        events.forEach(event -> {
            if (event.get("type").asText().equals("CreditsGranted")) {
                grants.add(event);
            }
        });
        assertThat(grants).hasSize(2);
        JsonNode first = grants.getFirst();
        assertThat(first.get("actor").asText()).isEqualTo("user:" + adminId);
        assertThat(first.get("client_address").asText()).isNotBlank();
        assertThat(first.get("correlation_id").asText()).isNotBlank();
        assertThat(first.get("causation_id").asText()).isNotBlank();
        assertThat(first.get("payload").get("amount").asLong()).isEqualTo(10);

        JsonNode page1 = api().get("/api/v1/audit/events?limit=1&aggregate_id=" + user.userId(), admin).json();
        assertThat(page1.get("events")).hasSize(1);
        assertThat(page1.get("more").asBoolean()).isTrue();
        JsonNode page2 = api().get("/api/v1/audit/events?limit=1&aggregate_id=" + user.userId() + "&after="
                + page1.get("next_after").asLong(), admin).json();
        assertThat(page2.get("events").get(0).get("position").asLong())
                .isEqualTo(events.get(1).get("position").asLong());

        String scoped = "/api/v1/audit/events?aggregate_id=" + user.userId();
        assertThat(api().get(scoped + "&type=CreditsGranted,UserSuspended", admin).json().get("events")).hasSize(2);
        assertThat(api().get(scoped + "&aggregate_type=BatchJob", admin).json().get("events")).isEmpty();
        JsonNode byActor = api().get(scoped + "&actor=" + encode("user:" + adminId), admin).json().get("events");
        assertThat(byActor).hasSize(2);
        JsonNode byCorrelation = api().get("/api/v1/audit/events?correlation_id="
                + first.get("correlation_id").asText(), admin).json().get("events");
        assertThat(byCorrelation).isNotEmpty();
        byCorrelation.forEach(event -> assertThat(event.get("correlation_id").asText())
                .isEqualTo(first.get("correlation_id").asText()));
        JsonNode later = api().get(scoped + "&from=" + between, admin).json().get("events");
        assertThat(later).hasSize(1);
        assertThat(later.get(0).get("payload").get("reason").asText()).isEqualTo("second");
        assertThat(api().get(scoped + "&to=" + between, admin).json().get("events").size())
                .isEqualTo(events.size() - 1);

        for (Map.Entry<String, String> bad : Map.of("after=-1", "after", "after=abc", "after", "limit=0", "limit",
                "limit=501", "limit", "from=yesterday", "from", "type=Credits%25", "type",
                "payload=raw", "payload", "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "from").entrySet()) {
            Reply reply = api().get("/api/v1/audit/events?" + bad.getKey(), admin);
            assertThat(reply.status()).as(bad.getKey()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
            assertThat(reply.json().get("type").asText()).isEqualTo("urn:mailsift:problem:validation");
            assertThat(reply.json().get("detail").asText()).as(bad.getKey()).contains(bad.getValue());
        }
    }

    @Test
    default void anExportStreamsEveryMatchingEventAsOneJsonLineEach() throws Exception {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        String admin = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        for (int i = 0; i < 5; i++) {
            grant(admin, user.userId(), i + 1, "grant " + i);
        }
        Reply export = api().get("/api/v1/audit/events?aggregate_id=" + user.userId(), admin,
                Map.of("Accept", NDJSON));
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith(NDJSON);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : export.body().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        JsonNode paged = api().get("/api/v1/audit/events?aggregate_id=" + user.userId(), admin).json().get("events");
        assertThat(lines).hasSize(paged.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).get("position")).isEqualTo(paged.get(i).get("position"));
        }
        Reply one = api().get("/api/v1/audit/aggregates/User/" + user.userId() + "/events?type=CreditsGranted",
                admin, Map.of("Accept", NDJSON));
        assertThat(one.body().strip().split("\n")).hasSize(5);
    }

    @Test
    default void anEventStoredInItsFirstFormIsServedUpcastAndAsStoredOnRequest() {
        String userId = "legacy-" + UUID.randomUUID();
        Instant at = Instant.now().minusSeconds(60);
        jdbc().update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, "
                        + "metadata, payload, payloadrevision, payloadtype, timestamp) VALUES (?, 0, 'User', ?, ?, ?, NULL, ?, ?)",
                userId, UUID.randomUUID().toString(), "{\"actor\":\"system\"}".getBytes(StandardCharsets.UTF_8),
                ("{\"userId\":\"" + userId + "\",\"email\":\"" + userId + "@example.com\",\"passwordHash\":\"x\","
                        + "\"role\":\"ADMIN\",\"registeredAt\":\"" + at + "\"}").getBytes(StandardCharsets.UTF_8),
                "dev.mailsift.api.user.UserRegistered", DateTimeUtils.formatInstant(at));
        String admin = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

        JsonNode current = api().get("/api/v1/audit/aggregates/User/" + userId + "/events", admin).json()
                                .get("events").get(0);
        assertThat(current.get("revision").asText()).isEqualTo("2");
        assertThat(current.get("stored_revision").isNull()).isTrue();
        assertThat(current.get("payload").get("emailConfirmed").asBoolean()).isTrue();
        JsonNode stored = api().get("/api/v1/audit/aggregates/User/" + userId + "/events?payload=stored", admin)
                               .json().get("events").get(0);
        assertThat(stored.get("revision").isNull()).isTrue();
        assertThat(stored.get("payload").has("emailConfirmed")).isFalse();
        // the account folds through the same upcaster: the operator's first form counts as confirmed
        JsonNode state = api().get("/api/v1/audit/users/" + userId + "/state", admin).json();
        assertThat(state.get("standing").asText()).isEqualTo("ACTIVE");
        assertThat(state.get("role").asText()).isEqualTo("ADMIN");

        assertThat(api().get("/api/v1/audit/aggregates/User/no-such-user/events", admin).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/audit/aggregates/BatchJob/" + userId + "/events", admin).status())
                .isEqualTo(404);
    }

    @Test
    default void anAccountsBalanceIsAnsweredAsItWasAtEachInstantOfAScriptedHistory() {
        String email = uniqueEmail();
        Instant beforeSignUp = Instant.now();
        pause();
        Session user = api().signUp(email, PASSWORD);
        String id = user.userId();
        String admin = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        commands().sendAndWait(new LinkExternalIdentity(id, "test", id, email.toLowerCase()));
        Instant confirmed = step();
        commands().sendAndWait(new GrantCredits(id, "g1-" + id, 100, "opening", CreditSource.OPERATOR));
        Instant granted = step();
        commands().sendAndWait(new ReserveCredits(id, "r1", 30));
        Instant reserved = step();
        commands().sendAndWait(new SettleReservation(id, "r1", 20));
        Instant settled = step();
        commands().sendAndWait(new ReserveCredits(id, "r2", 50));
        commands().sendAndWait(new GrantCredits(id, "g2-" + id, 25, "top-up", CreditSource.OPERATOR));
        Instant reservedAgain = step();
        commands().sendAndWait(new SettleReservation(id, "r2", 0));
        Instant released = step();
        api().post("/api/v1/admin/users/" + id + "/suspend", admin, Map.of("reason", "audit test"));
        Instant suspended = step();

        assertThat(api().get("/api/v1/audit/users/" + id + "/state?as_of=" + beforeSignUp, admin).status())
                .isEqualTo(404);
        assertState(admin, id, confirmed, 0, 0, "ACTIVE");
        assertState(admin, id, granted, 100, 0, "ACTIVE");
        assertState(admin, id, reserved, 70, 30, "ACTIVE");
        assertState(admin, id, settled, 80, 0, "ACTIVE");
        assertState(admin, id, reservedAgain, 55, 50, "ACTIVE");
        assertState(admin, id, released, 105, 0, "ACTIVE");
        assertState(admin, id, suspended, 105, 0, "SUSPENDED");
        JsonNode now = api().get("/api/v1/audit/users/" + id + "/state", admin).json();
        assertThat(now.get("credits_available").asLong()).isEqualTo(105);
        assertThat(now.get("role").asText()).isEqualTo("USER");
        assertThat(now.get("subscription").isNull()).isTrue();
        assertThat(api().get("/api/v1/audit/users/" + id + "/state?as_of=last-week", admin).status())
                .isEqualTo(400);

        // the user's own statement, as of an instant (before the suspension: they could still read it then)
        api().post("/api/v1/admin/users/" + id + "/reinstate", admin, Map.of());
        JsonNode statement = api().get("/api/v1/billing/ledger?as_of=" + reserved, user.token()).json();
        assertThat(statement.get("balance").get("credits_available").asLong()).isEqualTo(70);
        assertThat(statement.get("balance").get("credits_reserved").asLong()).isEqualTo(30);
        assertThat(api().get("/api/v1/billing/ledger", user.token()).json().get("balance").isNull()).isTrue();
        Reply badInstant = api().get("/api/v1/billing/ledger?as_of=yesterday", user.token());
        assertThat(badInstant.status()).isEqualTo(400);
        assertThat(badInstant.json().get("type").asText()).isEqualTo("urn:mailsift:problem:validation");
        assertThat(api().get("/api/v1/audit/users/" + "x".repeat(300) + "/state", admin).status()).isEqualTo(404);
    }

    @Test
    default void usersReadOnlyTheirOwnHistoryAndOperatorsActsStayUnnamed() {
        Session owner = api().signUp(uniqueEmail(), PASSWORD);
        Session other = api().signUp(uniqueEmail(), PASSWORD);
        String admin = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        grant(admin, owner.userId(), 7, "support");
        Reply job = api().upload("/api/v1/jobs", owner.token(), "file", "list.csv", "text/csv",
                "email\nada@example.com\n".getBytes(StandardCharsets.UTF_8));
        assertThat(job.status()).as(job.body()).isBetween(200, 299);
        String jobId = job.json().get("id").asText();

        JsonNode history = api().get("/api/v1/account/history", owner.token()).json().get("events");
        assertThat(history).isNotEmpty();
        history.forEach(event -> assertThat(event.get("aggregate_id").asText()).isEqualTo(owner.userId()));
        JsonNode grant = null;
        for (JsonNode event : history) {
            if (event.get("type").asText().equals("CreditsGranted")) {
                grant = event;
            }
        }
        assertThat(grant).isNotNull();
        assertThat(grant.get("actor").asText()).isEqualTo("operator");
        assertThat(grant.get("client_address").isNull()).isTrue();
        assertThat(history.get(0).get("actor").asText()).isIn("user:" + owner.userId(), "system", "anonymous");

        JsonNode jobHistory = api().get("/api/v1/jobs/" + jobId + "/history", owner.token()).json().get("events");
        assertThat(jobHistory.get(0).get("type").asText()).isEqualTo("JobUploaded");
        assertThat(jobHistory.get(0).get("actor").asText()).isEqualTo("user:" + owner.userId());
        for (Reply hidden : List.of(api().get("/api/v1/jobs/" + jobId + "/history", other.token()),
                api().get("/api/v1/jobs/no-such-job/history", owner.token()))) {
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(hidden.json().get("type").asText()).isEqualTo("urn:mailsift:problem:not-found");
        }
        for (Reply refused : List.of(api().get("/api/v1/audit/events", owner.token()),
                api().get("/api/v1/audit/users/" + owner.userId() + "/state", owner.token()),
                api().get("/api/v1/audit/jobs/" + jobId + "/state", owner.token()),
                api().get("/api/v1/audit/aggregates/User/" + owner.userId() + "/events", owner.token()),
                api().get("/api/v1/audit/reads", owner.token()))) {
            assertForbidden(refused);
        }
        assertThat(api().get("/api/v1/audit/events", null).status()).isEqualTo(401);

        // the owner's address is unconfirmed: the list is refused; just after its upload, it was only uploaded
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api().get("/api/v1/audit/jobs/" + jobId + "/state", admin).json().get("status").asText())
                        .isEqualTo("REJECTED"));
        JsonNode uploaded = api().get("/api/v1/audit/jobs/" + jobId + "/state?as_of="
                + jobHistory.get(0).get("timestamp").asText(), admin).json();
        assertThat(uploaded.get("user_id").asText()).isEqualTo(owner.userId());
        assertThat(uploaded.get("status").asText()).isEqualTo("UPLOADED");
        assertThat(uploaded.get("events_applied").asLong()).isEqualTo(1);
        assertThat(api().get("/api/v1/audit/jobs/" + jobId + "/state?as_of=2020-01-01T00:00:00Z", admin).status())
                .isEqualTo(404);
    }

    @Test
    default void everyAuditReadIsLoggedWithWhoReadWhatAndWhen() {
        String admin = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String adminId = api().get("/api/v1/account", admin).json().get("id").asText();
        String marker = UUID.randomUUID().toString();
        Instant before = Instant.now().minusSeconds(1);
        api().get("/api/v1/audit/events?aggregate_id=" + marker, admin);
        api().get("/api/v1/audit/events?aggregate_id=" + marker, admin, Map.of("Accept", NDJSON));
        List<Map<String, Object>> rows = jdbc().queryForList(
                "SELECT reader_id, actor, role, path, query, export FROM audit_read WHERE query LIKE ? "
                        + "ORDER BY id", "%" + marker + "%");
        assertThat(rows).hasSize(2);
        assertThat(rows.getFirst().get("reader_id")).isEqualTo(adminId);
        assertThat(rows.getFirst().get("actor")).isEqualTo("user:" + adminId);
        assertThat(rows.getFirst().get("role")).isEqualTo("ADMIN");
        assertThat(rows.getFirst().get("path")).isEqualTo("/api/v1/audit/events");
        assertThat(rows.getFirst().get("export")).isEqualTo(false);
        assertThat(rows.get(1).get("export")).isEqualTo(true);
        assertThat(jdbc().queryForObject("SELECT MIN(read_at) FROM audit_read WHERE query LIKE ?",
                java.sql.Timestamp.class, "%" + marker + "%").toInstant()).isAfter(before);

        JsonNode log = api().get("/api/v1/audit/reads?reader_id=" + adminId + "&limit=500", admin).json();
        assertThat(log.get("reads").toString()).contains(marker);
        assertThat(api().get("/api/v1/audit/reads?after=x", admin).status()).isEqualTo(400);
    }

    private void assertState(String admin, String userId, Instant asOf, long available, long reserved,
                             String standing) {
        JsonNode state = api().get("/api/v1/audit/users/" + userId + "/state?as_of=" + asOf, admin).json();
        assertThat(state.get("credits_available").asLong()).as("available at " + asOf).isEqualTo(available);
        assertThat(state.get("credits_reserved").asLong()).as("reserved at " + asOf).isEqualTo(reserved);
        assertThat(state.get("standing").asText()).as("standing at " + asOf).isEqualTo(standing);
    }

    private void grant(String admin, String userId, long amount, String reason) {
        Reply reply = api().post("/api/v1/admin/users/" + userId + "/credits", admin,
                Map.of("amount", amount, "reason", reason));
        assertThat(reply.status()).as(reply.body()).isBetween(200, 299);
    }

    /** An instant after everything so far and before anything next (stored times have millisecond precision). */
    private static Instant step() {
        pause();
        Instant now = Instant.now();
        pause();
        return now;
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertForbidden(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:mailsift:problem:forbidden");
    }

    private static String roleClaim(String token) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readTree(payload).get("role").asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
