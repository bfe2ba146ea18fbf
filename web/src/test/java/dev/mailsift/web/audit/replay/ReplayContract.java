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
 * An operator rebuilds every replayable read model from the event store (damaged on purpose first) and gets the very
 * same rows as before the damage, while nothing
 * else happens: no event appended, no mail sent, no webhook message written. Run on the embedded default and on
 * PostgreSQL and RabbitMQ by {@code EmbeddedReplayTest} and {@code PostgresRabbitReplayTest}.
 */
interface ReplayContract extends AccessContract {

    /** The tables the replayable processors build. */
    List<String> READ_MODELS = List.of("account_view", "credit_ledger", "billing_subscription", "job_view");

    @Test
    default void replayingEveryReadModelRebuildsTheSameRowsAndRunsNoSideEffect() throws Exception {
        String operator = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        Session user = api().signUp(uniqueEmail(), PASSWORD);
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
        assertThat(checksums()).isNotEqualTo(before);

        for (String processor : ReadModelProcessors.REPLAYABLE) {
            Reply replay = api().post("/api/v1/admin/processors/" + processor + "/replay", operator, Map.of());
            assertThat(replay.status()).as(replay.body()).isEqualTo(202);
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
        assertThat(sideEffects.json().get("detail").asText()).contains("Replayable: accounts, jobs");
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
                    .allMatch(p -> !p.get("replaying").asBoolean() && p.get("lag").asLong() == 0);
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
