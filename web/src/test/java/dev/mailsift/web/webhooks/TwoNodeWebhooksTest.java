package dev.mailsift.web.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.HeldSmtp;
import dev.mailsift.web.support.RealServices;
import dev.mailsift.web.support.TestAccounts;
import dev.mailsift.web.support.TestNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.mailsift.web.support.FailureTestSupport.awaitFinished;
import static dev.mailsift.web.support.FailureTestSupport.awaitJob;
import static dev.mailsift.web.support.FailureTestSupport.confirmedCustomer;
import static dev.mailsift.web.support.FailureTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook delivery across nodes on one PostgreSQL database and RabbitMQ: whichever node made an attempt may stop,
 * and another sends the next; a node restarted in the middle of a job still announces its completion, once, under
 * one id. Each test starts its own nodes (application contexts) on a database and chunk queue of its own.
 */
@Tag("real-services")
class TwoNodeWebhooksTest {

    private final String database = RealServices.freshDatabase();
    private final String queue = "mailsift.chunks.test-webhooks-" + UUID.randomUUID();
    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database, RealServices.user(), ""));
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        HeldSmtp.release();
        nodes.reversed().forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void whenTheNodeThatMadeAnAttemptStopsTheOtherNodeSendsTheNextOneWithTheSameId() throws Exception {
        ConfigurableApplicationContext first = start(Files.createTempDirectory("mailsift-webhooks-node-"));
        ConfigurableApplicationContext second = start(Files.createTempDirectory("mailsift-webhooks-node-"));
        ApiClient api = new ApiClient(TestNodes.port(first));
        Session user = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        // which node holds the message while its attempt is in flight: the outbox row says, and only then
        List<String> sentBy = new CopyOnWriteArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver().answer(500).onArrival(request -> sentBy.add(
                jdbc.queryForObject("SELECT claimed_by FROM webhook_message WHERE id = ?", String.class,
                        request.header("webhook-id"))))) {
            JsonNode endpoint = api.post("/api/v1/webhooks", user.token(), Map.of("url", receiver.url("/two-nodes")))
                                   .json();
            String id = endpoint.get("id").asText();
            String messageId = api.post("/api/v1/webhooks/" + id + "/test", user.token(), Map.of()).json()
                                  .get("message_id").asText();

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            ConfigurableApplicationContext madeTheFirst = nodeNamed(sentBy.getFirst());
            ConfigurableApplicationContext survivor = madeTheFirst == first ? second : first;
            // the next attempt is due 8 s after the first: the node that made it is gone by then
            madeTheFirst.close();
            nodes.remove(madeTheFirst);

            await().atMost(Duration.ofSeconds(40)).until(() -> receiver.received().size() == 2);
            assertThat(sentBy.get(1)).isEqualTo(survivor.getBean(WebhookSender.class).node())
                                     .isNotEqualTo(sentBy.getFirst());
            for (WebhookReceiver.Received attempt : receiver.received()) {
                assertThat(attempt.header("webhook-id")).isEqualTo(messageId);
                WebhooksContract.verify(endpoint.get("secret").asText(), attempt);
            }
            ApiClient onSurvivor = new ApiClient(TestNodes.port(survivor));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode delivery = onSurvivor.get("/api/v1/webhooks/" + id + "/deliveries", user.token()).json()
                                              .get("deliveries").get(0);
                assertThat(delivery.get("state").asText()).isEqualTo("delivered");
                assertThat(delivery.get("attempts")).extracting(a -> a.get("status_code").asInt())
                                                    .containsExactly(500, 204);
            });
            Thread.sleep(2000);
            assertThat(receiver.received()).hasSize(2);
        }
    }

    @Test
    void aNodeRestartedMidJobAnnouncesTheJobsCompletionOnceUnderOneId() throws Exception {
        // the restarted node finds the uploaded list where the first one stored it
        Path dataDir = Files.createTempDirectory("mailsift-webhooks-restart-");
        ConfigurableApplicationContext node = start(dataDir);
        ApiClient api = new ApiClient(TestNodes.port(node));
        Session user = confirmedCustomer(api, 100);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode endpoint = api.post("/api/v1/webhooks", user.token(), Map.of("url", receiver.url("/jobs"),
                    "event_types", List.of("job.accepted", "job.completed"))).json();
            String endpointId = endpoint.get("id").asText();
            HeldSmtp.hold();
            String jobId = upload(api, user.token(), "webhooks-restart.csv", HeldSmtp.list("hooks-restart", 2, 6));
            // chunk 0 done, chunk 1 held in the node's only worker, chunks 2-3 queued
            awaitJob(api, user.token(), jobId, job -> job.path("rows_done").asLong() == 2);
            HeldSmtp.awaitHeld(1);

            node.close();
            nodes.remove(node);
            HeldSmtp.release();

            node = start(dataDir);
            api = new ApiClient(TestNodes.port(node));
            assertThat(awaitFinished(api, user.token(), jobId).get("status").asText()).isEqualTo("completed");

            await().atMost(Duration.ofSeconds(30)).until(() -> !ofType(receiver, "job.completed").isEmpty());
            Thread.sleep(3000); // time for a second copy, were one to be sent
            List<WebhookReceiver.Received> completed = ofType(receiver, "job.completed");
            assertThat(completed.stream().map(message -> message.header("webhook-id")).distinct()).hasSize(1);
            for (WebhookReceiver.Received message : receiver.received()) {
                WebhooksContract.verify(endpoint.get("secret").asText(), message);
            }
            JsonNode data = new ObjectMapper().readTree(completed.getFirst().body()).get("data");
            assertThat(data.get("job_id").asText()).isEqualTo(jobId);
            assertThat(data.get("counts").get("deliverable").asLong()).isEqualTo(8);
            assertThat(data.get("counts").get("total").asLong()).isEqualTo(8);
            assertThat(ofType(receiver, "job.accepted").stream().map(m -> m.header("webhook-id")).distinct())
                    .hasSize(1);

            JsonNode log = api.get("/api/v1/webhooks/" + endpointId + "/deliveries", user.token()).json();
            List<String> types = new ArrayList<>();
            log.get("deliveries").forEach(delivery -> types.add(delivery.get("event_type").asText()));
            assertThat(types).containsExactlyInAnyOrder("job.accepted", "job.completed");
        }
    }

    private static List<WebhookReceiver.Received> ofType(WebhookReceiver receiver, String type) {
        return receiver.received().stream().filter(message -> message.body().contains("\"type\":\"" + type + "\""))
                       .toList();
    }

    private ConfigurableApplicationContext nodeNamed(String name) {
        return nodes.stream().filter(node -> node.getBean(WebhookSender.class).node().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no running node is " + name));
    }

    /** A node on this test's database and queue, sending webhooks to loopback, retrying 8 s after a failure. */
    private ConfigurableApplicationContext start(Path dataDir) {
        Map<String, String> settings = TestNodes.realServicesSettings(dataDir, database, queue);
        // a chunk the stopped node held is back in the queue or, at the latest, sent again after this
        settings.put("mailsift.pipeline.stall-timeout", "PT20S");
        settings.put("mailsift.webhooks.allowed-private-networks", "127.0.0.0/8");
        settings.put("mailsift.webhooks.retry-schedule", "0s,8s,8s");
        settings.put("mailsift.webhooks.jitter", "0");
        settings.put("mailsift.webhooks.poll-interval", "200ms");
        settings.put("mailsift.webhooks.timeout", "5s");
        ConfigurableApplicationContext node = TestNodes.start(settings);
        nodes.add(node);
        return node;
    }
}
