package dev.mailsift.web.audit.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.mailsift.web.support.TestAccounts.ADMIN_EMAIL;
import static dev.mailsift.web.support.TestAccounts.ADMIN_PASSWORD;
import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator rebuilds every replayable read model from the event store (damaged on purpose first), those of
 * streaming processors and of subscribing ones alike, and gets the very same rows as before the damage, while nothing
 * else happens: no event appended, no mail sent, no webhook message written. Run on the embedded default and on
 * PostgreSQL and RabbitMQ by {@code EmbeddedReplayTest} and {@code PostgresRabbitReplayTest}.
 */
interface ReplayContract extends AccessContract {

    /** The tables the replayable processors build (streaming, then subscribing). */
    List<String> READ_MODELS = List.of("account_view", "credit_ledger", "billing_subscription", "job_view",
            "user_credentials", "user_status", "user_totp", "api_key", "webhook_endpoint");

    @Test
    default void replayingEveryReadModelRebuildsTheSameRowsAndRunsNoSideEffect() throws Exception {
        String operator = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String email = uniqueEmail();
        Session user = api().signUp(email, PASSWORD);
        String key = api().post("/api/v1/api-keys", user.token(), Map.of("label", "replayed")).json().get("key")
                          .asText();
        assertThat(api().get("/api/v1/account", key).status()).isEqualTo(200);
        JsonNode keysBefore = api().get("/api/v1/api-keys", user.token()).json();
        assertThat(keysBefore.toString()).as("the key's use is recorded").contains("last_used_at\":\"");
        for (int grant = 1; grant <= 3; grant++) {
            assertThat(api().post("/api/v1/admin/users/" + user.userId() + "/credits", operator,
                    Map.of("amount", 10 * grant, "reason", "replayed")).status()).isEqualTo(200);
        }
        awaitCaughtUp(operator);
        Map<String, String> before = checksums();
        long events = count("domainevententry");
        long webhookMessages = count("webhook_message");
        int mails = TestMailServer.server().getReceivedMessages().length;
        // damage the read models: only a rebuild from the events gives the rows back
        jdbc().update("UPDATE account_view SET credits_available = credits_available + 1000 WHERE id = ?",
                user.userId());
        jdbc().update("DELETE FROM credit_ledger WHERE user_id = ?", user.userId());
        jdbc().update("DELETE FROM user_credentials WHERE user_id = ?", user.userId());
        jdbc().update("UPDATE api_key SET label = 'forged' WHERE user_id = ?", user.userId());
        assertThat(api().post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD)).status())
                .as("no credentials, no sign-in").isNotEqualTo(200);
        assertThat(checksums()).isNotEqualTo(before);

        for (String processor : ReadModelProcessors.REPLAYABLE) {
            Reply replay = api().post("/api/v1/admin/processors/" + processor + "/replay", operator, Map.of());
            assertThat(replay.status()).as(replay.body()).isEqualTo(202);
            assertThat(replay.json().get("replaying").asBoolean()).as("a subscribing model is rebuilt at once")
                    .isEqualTo(ReadModelProcessors.STREAMING.contains(processor));
        }
        JsonNode after = awaitCaughtUp(operator);

        assertThat(checksums()).as("every read model's rows, rebuilt").isEqualTo(before);
        assertThat(count("domainevententry")).as("no command was sent").isEqualTo(events);
        assertThat(count("webhook_message")).as("no webhook written").isEqualTo(webhookMessages);
        assertThat(TestMailServer.server().getReceivedMessages()).as("no mail sent").hasSize(mails);
        assertThat(processor(after, "accounts").get("replayable").asBoolean()).isTrue();
        assertThat(processor(after, "billing").get("replayable").asBoolean()).isFalse();
        assertThat(api().get("/api/v1/account", user.token()).json().get("credits_available").asLong())
                .isEqualTo(60);
        assertThat(api().post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD)).status())
                .as("signs in again").isEqualTo(200);
        assertThat(api().get("/api/v1/api-keys", user.token()).json()).as("last use kept").isEqualTo(keysBefore);
    }

    @Test
    default void accountsSignedUpWhileTheirSubscribingModelsAreRebuiltAreNeitherLostNorDoubled() throws Exception {
        String operator = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        List<String> emails = java.util.stream.IntStream.range(0, 12).mapToObj(n -> uniqueEmail()).toList();
        java.util.concurrent.ExecutorService signUps = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Session>> sessions = emails.stream()
                    .map(email -> signUps.submit(() -> api().signUp(email, PASSWORD))).toList();
            for (int round = 0; round < 3; round++) {
                for (String processor : List.of("credentials", "access")) {
                    Reply replay = api().post("/api/v1/admin/processors/" + processor + "/replay", operator,
                            Map.of());
                    assertThat(replay.status()).as(replay.body()).isEqualTo(202);
                }
            }
            for (java.util.concurrent.Future<Session> session : sessions) {
                session.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            signUps.shutdown();
        }
        for (String email : emails) {
            assertThat(api().post("/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD))
                    .status()).as(email + " signs in").isEqualTo(200);
            assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM user_status WHERE LOWER(email) = ?", Long.class,
                    email.toLowerCase(java.util.Locale.ROOT))).as(email + " has its standing once").isEqualTo(1);
        }
    }

    @Test
    default void onlyAnOperatorReplaysAndOnlyAReadModel() {
        String operator = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        Session user = api().signUp(uniqueEmail(), PASSWORD);

        assertThat(api().get("/api/v1/audit/processors", user.token()).status()).isEqualTo(403);
        assertThat(api().post("/api/v1/admin/processors/accounts/replay", user.token(), Map.of()).status())
                .isEqualTo(403);
        Reply sideEffects = api().post("/api/v1/admin/processors/billing/replay", operator, Map.of());
        assertThat(sideEffects.status()).isEqualTo(409);
        assertThat(sideEffects.json().get("detail").asText()).contains("Replayable: access, accounts, credentials, jobs, webhook-endpoints");
        assertThat(api().post("/api/v1/admin/processors/no-such-processor/replay", operator, Map.of()).status())
                .isEqualTo(404);
    }

    private JsonNode awaitCaughtUp(String operator) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            Reply reply = api().get("/api/v1/audit/processors", operator);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode overview = reply.json();
            boolean caughtUp = ReadModelProcessors.REPLAYABLE.stream().map(name -> processor(overview, name))
                    .allMatch(p -> !p.path("replaying").asBoolean() && p.path("lag").asLong() == 0);
            if (caughtUp) {
                return overview;
            }
            assertThat(System.nanoTime()).as("caught up within 60 s: " + overview).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static JsonNode processor(JsonNode overview, String name) {
        for (JsonNode processor : overview.get("processors")) {
            if (processor.get("name").asText().equals(name)) {
                return processor;
            }
        }
        throw new AssertionError("no processor " + name + " in " + overview);
    }

    private long count(String table) {
        return jdbc().queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    /** A SHA-256 per table over its rows, each row's columns in name order, the rows sorted. */
    private Map<String, String> checksums() throws Exception {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (String table : READ_MODELS) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            jdbc().queryForList("SELECT * FROM " + table).stream()
                  .map(row -> new TreeMap<>(row).entrySet().stream()
                          .map(column -> column.getKey() + "=" + text(column.getValue())).toList().toString())
                  .sorted()
                  .forEach(row -> sha256.update(row.getBytes(StandardCharsets.UTF_8)));
            checksums.put(table, HexFormat.of().formatHex(sha256.digest()) + " (" + count(table) + " rows)");
        }
        return checksums;
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value);
    }
}
