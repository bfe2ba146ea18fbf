package dev.mailsift.web.audit.replay;

import dev.mailsift.web.platform.node.NodeIdentity;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.RealServices;
import dev.mailsift.web.support.TestNodes;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.mailsift.web.support.TestAccounts.ADMIN_EMAIL;
import static dev.mailsift.web.support.TestAccounts.ADMIN_PASSWORD;
import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes with the projections role on one PostgreSQL database, as a deployment runs them: an operator asks one
 * node to replay a streaming read model whose segments the other node holds. The other node releases them, the
 * replay rebuilds the model, and both nodes process again afterwards. A replay left open by a node that died does
 * not keep the others stopped for longer than its expiry.
 */
@Tag("real-services")
class TwoNodeReplayTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String PROCESSOR = "accounts";

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.reversed().forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aReplayAskedOfOneNodeRebuildsTheReadModelWhoseSegmentsTheOtherNodeHeld() throws Exception {
        String database = RealServices.freshDatabase();
        ConfigurableApplicationContext first = start(database);
        ConfigurableApplicationContext second = start(database);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database, RealServices.user(), ""));
        ApiClient firstApi = new ApiClient(TestNodes.port(first));
        String operator = firstApi.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        Session user = firstApi.signUp(uniqueEmail(), PASSWORD);
        for (int grant = 1; grant <= 3; grant++) {
            assertThat(firstApi.post("/api/v1/admin/users/" + user.userId() + "/credits", operator,
                    Map.of("amount", 10 * grant, "reason", "replayed")).status()).isEqualTo(200);
        }
        awaitCredits(firstApi, user, 60);
        long ledgerRows = ledgerRows(jdbc, user);

        // ask the node that holds fewest of the segments: the other one has to let go of its own
        Set<String> owners = await().atMost(Duration.ofSeconds(30)).until(() -> owners(jdbc), held -> !held.isEmpty());
        ConfigurableApplicationContext asked = owners.contains(name(second)) ? first : second;
        ConfigurableApplicationContext other = asked == first ? second : first;
        assertThat(owners).as("the other node holds segments of " + PROCESSOR).contains(name(other));

        jdbc.update("UPDATE account_view SET credits_available = credits_available + 1000 WHERE id = ?",
                user.userId());
        jdbc.update("DELETE FROM credit_ledger WHERE user_id = ?", user.userId());
        ApiClient askedApi = new ApiClient(TestNodes.port(asked));
        Reply replay = askedApi.post("/api/v1/admin/processors/" + PROCESSOR + "/replay", operator, Map.of());
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        assertThat(replay.json().get("replaying").asBoolean()).isTrue();

        awaitCredits(askedApi, user, 60);
        await().atMost(Duration.ofSeconds(60)).until(() -> ledgerRows(jdbc, user) == ledgerRows);
        assertThat(jdbc.queryForObject("SELECT state FROM processor_replay WHERE processor_name = ?", String.class,
                PROCESSOR)).isEqualTo("DONE");
        await("the other node processes again").atMost(Duration.ofSeconds(30))
               .until(() -> processor(other).isRunning());
        assertThat(processor(asked).isRunning()).isTrue();
        // both go on with new events: a grant after the replay reaches the model
        assertThat(firstApi.post("/api/v1/admin/users/" + user.userId() + "/credits", operator,
                Map.of("amount", 5, "reason", "after the replay")).status()).isEqualTo(200);
        awaitCredits(new ApiClient(TestNodes.port(other)), user, 65);
    }

    @Test
    void nodesStopAProcessorWhileAReplayIsOpenElsewhereAndStartItWhenItEndsOrItsNodeIsGone() throws Exception {
        String database = RealServices.freshDatabase();
        ConfigurableApplicationContext first = start(database);
        ConfigurableApplicationContext second = start(database);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database, RealServices.user(), ""));
        ApiClient api = new ApiClient(TestNodes.port(first));
        String operator = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

        // a replay another node (not running here) has asked for
        jdbc.update("INSERT INTO processor_replay (processor_name, generation, state, node, requested_by, "
                + "requested_at) VALUES (?, 1, 'REQUESTED', 'elsewhere', 'user:test', ?)", PROCESSOR,
                Timestamp.from(Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !processor(first).isRunning()
                && !processor(second).isRunning());
        await().atMost(Duration.ofSeconds(10)).until(() -> owners(jdbc).isEmpty());
        Reply meanwhile = api.post("/api/v1/admin/processors/" + PROCESSOR + "/replay", operator, Map.of());
        assertThat(meanwhile.status()).as("one replay of a processor at a time").isEqualTo(409);
        assertThat(meanwhile.json().get("detail").asText()).contains("already under way");
        assertThat(processor(first).isRunning()).as("still waiting for the replay elsewhere").isFalse();

        jdbc.update("UPDATE processor_replay SET state = 'DONE' WHERE processor_name = ?", PROCESSOR);
        await().atMost(Duration.ofSeconds(10)).until(() -> processor(first).isRunning()
                && processor(second).isRunning());

        // the asking node dies with its request open: the others start again once it has expired (2 x 3 s here)
        jdbc.update("UPDATE processor_replay SET generation = 2, state = 'REQUESTED', requested_at = ? "
                + "WHERE processor_name = ?", Timestamp.from(Instant.now()), PROCESSOR);
        await().atMost(Duration.ofSeconds(10)).until(() -> !processor(first).isRunning());
        await().atMost(Duration.ofSeconds(20)).until(() -> processor(first).isRunning()
                && processor(second).isRunning());
        Session user = api.signUp(uniqueEmail(), PASSWORD);
        assertThat(api.post("/api/v1/admin/users/" + user.userId() + "/credits", operator,
                Map.of("amount", 7, "reason", "after the pauses")).status()).isEqualTo(200);
        awaitCredits(new ApiClient(TestNodes.port(second)), user, 7);
    }

    private ConfigurableApplicationContext start(String database) throws Exception {
        Map<String, String> settings = TestNodes.realServicesSettings(
                Files.createTempDirectory("mailsift-replay-node-"), database,
                "mailsift.chunks.test-replay-" + UUID.randomUUID());
        settings.put("mailsift.audit.replay.poll-interval", "PT0.2S");
        settings.put("mailsift.audit.replay.release-timeout", "PT3S");
        ConfigurableApplicationContext node = TestNodes.start(settings);
        nodes.add(node);
        return node;
    }

    private static EventProcessor processor(ConfigurableApplicationContext node) {
        return node.getBean(EventProcessingConfiguration.class).eventProcessor(PROCESSOR).orElseThrow();
    }

    private static String name(ConfigurableApplicationContext node) {
        return node.getBean(NodeIdentity.class).name();
    }

    private static Set<String> owners(JdbcTemplate jdbc) {
        return new HashSet<>(jdbc.queryForList("SELECT owner FROM tokenentry WHERE processorname = ? "
                + "AND owner IS NOT NULL", String.class, PROCESSOR));
    }

    private static long ledgerRows(JdbcTemplate jdbc, Session user) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM credit_ledger WHERE user_id = ?", Long.class,
                user.userId());
    }

    private static void awaitCredits(ApiClient node, Session user, long credits) {
        await().atMost(Duration.ofSeconds(60)).until(
                () -> node.get("/api/v1/account", user.token()).json().get("credits_available").asLong() == credits);
    }
}
