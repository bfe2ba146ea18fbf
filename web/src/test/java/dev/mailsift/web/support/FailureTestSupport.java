package dev.mailsift.web.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;

import org.hamcrest.Matchers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the pipeline failure tests share: confirmed customers with credits, job polling, the raw chunk queue. */
public final class FailureTestSupport {

    public static final List<String> FINISHED = List.of("completed", "rejected", "failed", "cancelled");

    private FailureTestSupport() {
    }

    /** A new account, confirmed through the mailed code (mail goes to {@link TestMailServer}), granted credits. */
    public static Session confirmedCustomer(ApiClient api, long credits) {
        String email = TestAccounts.uniqueEmail().toLowerCase();
        Session user = api.signUp(email, "correct horse battery");
        String code = TestMailServer.codeIn(TestMailServer.awaitMessage(email, 1));
        assertThat(api.post("/api/v1/auth/confirm-email", null, Map.of("email", email, "code", code)).status())
                .isEqualTo(200);
        String admin = api.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
        Reply granted = api.post("/api/v1/admin/users/" + user.userId() + "/credits", admin,
                Map.of("amount", credits, "reason", "failure test"));
        assertThat(granted.json().get("credits_available").asLong()).isEqualTo(credits);
        return user;
    }

    public static String upload(ApiClient api, String token, String name, String list) {
        Reply submitted = api.upload("/api/v1/jobs", token, name, list.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        return submitted.json().get("id").asText();
    }

    public static JsonNode job(ApiClient api, String token, String jobId) {
        return api.get("/api/v1/jobs/" + jobId, token).json();
    }

    /** Polls the job until {@code condition} holds; returns the job as last seen. */
    public static JsonNode awaitJob(ApiClient api, String token, String jobId, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = job(api, token, jobId);
            return condition.test(last[0]);
        });
        return last[0];
    }

    public static JsonNode awaitFinished(ApiClient api, String token, String jobId) {
        return awaitJob(api, token, jobId, job -> FINISHED.contains(job.path("status").asText()));
    }

    /** The results CSV's lines, header first. */
    public static List<String> resultsCsv(ApiClient api, String token, String jobId) {
        Reply csv = api.get("/api/v1/jobs/" + jobId + "/results?format=csv", token);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        return csv.body().lines().toList();
    }

    /** A header and {@code rows} lines, each with the verdict of an accepted mailbox. */
    public static void assertAllDeliverable(List<String> csv, int rows) {
        assertThat(csv).hasSize(rows + 1);
        assertThat(csv.subList(1, csv.size())).allMatch(line -> line.contains(",deliverable,accepted,"));
    }

    public static JsonNode account(ApiClient api, String token) {
        return api.get("/api/v1/account", token).json();
    }

    /** Waits until the account's read model shows this balance and nothing reserved. */
    public static void awaitBalance(ApiClient api, String token, long available) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode account = account(api, token);
            assertThat(account.get("credits_available").asLong()).isEqualTo(available);
            assertThat(account.get("credits_reserved").asLong()).isZero();
        });
    }

    /** A plain AMQP connection to the test broker, as an outside consumer (or a dying worker) would hold. */
    public static Connection rabbit() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(RealServices.AMQP_URL);
        return factory.newConnection("mailsift-failure-test");
    }

    /** Messages ready (not held by a consumer) in {@code queue}. */
    public static long ready(String queue) throws Exception {
        try (Connection connection = rabbit(); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }

    /** A timeout names the count last seen. */
    public static void awaitReady(String queue, long messages) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ready(queue), Matchers.equalTo(messages));
    }

    public static void awaitReadyAtLeast(String queue, long messages) {
        awaitReadyAtLeast(queue, messages, Duration.ofSeconds(30));
    }

    public static void awaitReadyAtLeast(String queue, long messages, Duration within) {
        await().atMost(within).until(() -> ready(queue), Matchers.greaterThanOrEqualTo(messages));
    }
}
