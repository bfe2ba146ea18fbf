package dev.mailsift.web.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import dev.mailsift.engine.support.ScriptedSmtpServer;
import dev.mailsift.engine.support.TestDnsServer;
import dev.mailsift.api.billing.CreateBillingCustomer;
import dev.mailsift.api.billing.RecordSubscriptionChange;
import dev.mailsift.api.billing.RecordSubscriptionPeriodPaid;
import dev.mailsift.api.user.CreditSource;
import dev.mailsift.api.user.GrantCredits;
import dev.mailsift.api.user.RevocationCause;
import dev.mailsift.api.user.RevokeCredits;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.TestMailServer;
import dev.mailsift.api.billing.RecordPackPurchase;
import dev.mailsift.api.billing.RecordPaymentFailed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Outbound webhooks over HTTP, end to end: endpoints registered through the API, messages made from the event
 * store, sent to receivers on loopback, and every signature checked with the independent Standard Webhooks
 * library. Loopback is reachable only because the tests list 127.0.0.0/8 as an allowed private network.
 */
abstract class WebhooksContract {

    static final String ADMIN_EMAIL = "webhooks-operator@mailsift.test";
    static final String ADMIN_PASSWORD = "operator-password-1";
    static final String JWT_SECRET = "d2ViaG9va3MtdGVzdC1zZWNyZXQtd2ViaG9va3MtdGVzdC1zZWNyZXQtMzJi";

    /** Started once per JVM (loopback only): DNS and SMTP for the job that completes. */
    static final TestDnsServer DNS;
    static final ScriptedSmtpServer SMTP;

    static {
        try {
            DNS = new TestDnsServer().mx("hooks-inbox.com", 10, "mx.hooks-inbox.com")
                                     .a("mx.hooks-inbox.com", "127.0.0.1");
            // mailboxes ada@ and bob@ exist; any other is refused, so the domain is no catch-all
            SMTP = ScriptedSmtpServer.start("127.0.0.1", 0, false, recipient -> {
                String address = recipient.toLowerCase();
                if (address.startsWith("slow")) {
                    // a mailbox that takes a second to answer: a job of them is still running when cancelled
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ScriptedSmtpServer.ACCEPT;
                }
                return address.startsWith("ada@") || address.startsWith("bob@") ? ScriptedSmtpServer.ACCEPT
                        : new ScriptedSmtpServer.Reject(550, "5.1.1 no such user");
            });
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    ApiClient api;

    static void webhookProperties(DynamicPropertyRegistry registry, Path dataDir) {
        registry.add("mailsift.data-dir", dataDir::toString);
        registry.add("mailsift.admin.email", () -> ADMIN_EMAIL);
        registry.add("mailsift.admin.password", () -> ADMIN_PASSWORD);
        registry.add("mailsift.security.jwt-secret", () -> JWT_SECRET);
        registry.add("mailsift.security.rate-limits.enabled", () -> "false");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "8");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        registry.add("mailsift.pipeline.engine.dns-server", () -> "127.0.0.1:" + DNS.port());
        registry.add("mailsift.pipeline.engine.smtp-port", SMTP::port);
        registry.add("mailsift.pipeline.engine.connect-timeout", () -> "PT2S");
        registry.add("mailsift.pipeline.engine.command-timeout", () -> "PT2S");
        // one address per chunk: a two-address list is half done after its first chunk (job.progress)
        registry.add("mailsift.pipeline.chunk-size", () -> "1");
        registry.add("mailsift.webhooks.allowed-private-networks", () -> "127.0.0.0/8");
        // the owner's notice of a disabled endpoint goes to the test's SMTP server
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
        // long enough for a message sent right after a rotation, short enough to watch the old secret retire
        registry.add("mailsift.webhooks.secret-overlap", () -> "8s");
        // the operator's job takes its balance from 10 to 8: across the line
        registry.add("mailsift.billing.low-credit-threshold", () -> "9");
        registry.add("mailsift.webhooks.retry-schedule", () -> "0s,1s,1s");
        registry.add("mailsift.webhooks.jitter", () -> "0");
        registry.add("mailsift.webhooks.poll-interval", () -> "200ms");
        registry.add("mailsift.webhooks.timeout", () -> "5s");
        // long enough for the flaky receiver's three attempts (about 3 s), short enough to be watched
        registry.add("mailsift.webhooks.disable-after", () -> "4s");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void anEndpointIsRegisteredWithASecretShownOnlyOnce() throws Exception {
        String token = newUser();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Reply created = api.post("/api/v1/webhooks", token, Map.of("url", receiver.url("/hooks"),
                    "description", "CRM", "event_types", List.of("job.completed", "job.failed")));
            assertThat(created.status()).isEqualTo(201);
            JsonNode endpoint = created.json();
            String secret = endpoint.get("secret").asText();
            assertThat(secret).startsWith("whsec_");
            assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSizeBetween(24, 64);
            assertThat(endpoint.get("enabled").asBoolean()).isTrue();
            assertThat(endpoint.get("event_types")).hasSize(2);
            String id = endpoint.get("id").asText();
            assertThat(created.header("Location")).isEqualTo("/api/v1/webhooks/" + id);

            JsonNode listed = api.get("/api/v1/webhooks", token).json().get("webhooks");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
            assertThat(listed.get(0).get("secret").isNull()).isTrue();
            assertThat(api.get("/api/v1/webhooks/" + id, token).body()).doesNotContain(secret.substring(6));

            Reply changed = api.patch("/api/v1/webhooks/" + id, token, Map.of("description", "renamed"));
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.json().get("description").asText()).isEqualTo("renamed");
            assertThat(changed.json().get("url").asText()).isEqualTo(receiver.url("/hooks"));

            assertThat(api.delete("/api/v1/webhooks/" + id, token).status()).isEqualTo(204);
            assertThat(api.get("/api/v1/webhooks/" + id, token).status()).isEqualTo(404);
        }
    }

    @Test
    void refusedAddressesAnswer422AndMalformedBodies400() {
        String token = newUser();
        for (String url : List.of("http://10.0.0.1/hook", "http://169.254.169.254/latest", "http://[::1]:8080/",
                "http://2130706433/", "http://0177.0.0.1/", "http://0x7f000001/", "http://[::ffff:192.168.0.1]/",
                "http://100.64.0.1/", "ftp://127.0.0.1/", "file:///etc/passwd", "http://user:pw@127.0.0.1/",
                "http://[fd00::1]/")) {
            Reply refused = api.post("/api/v1/webhooks", token, Map.of("url", url));
            assertThat(refused.status()).as(url).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:mailsift:problem:webhook-url-refused");
        }
        assertThat(api.send("POST", "/api/v1/webhooks", token, Map.of("Content-Type", "application/json"),
                "{\"url\": ").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/webhooks", token, Map.of("description", "no url")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/webhooks", token, Map.of("url", "http://127.0.0.1:9/",
                "event_types", List.of("job.exploded"))).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/webhooks", token, Map.of("url", "http://127.0.0.1:9/" + "x".repeat(2000)))
                      .status()).isEqualTo(400);
        // bodies are bounded before they are read (64 KiB for JSON)
        Reply huge = api.post("/api/v1/webhooks", token, Map.of("url", "http://127.0.0.1:9/",
                "description", "x".repeat(70 * 1024)));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(api.get("/api/v1/webhooks", token).json().get("webhooks")).isEmpty();
    }

    @Test
    void anAccountHasAtMostTenEndpoints() {
        String token = newUser();
        for (int i = 0; i < 10; i++) {
            assertThat(api.post("/api/v1/webhooks", token, Map.of("url", "http://127.0.0.1:9/" + i)).status())
                    .isEqualTo(201);
        }
        Reply eleventh = api.post("/api/v1/webhooks", token, Map.of("url", "http://127.0.0.1:9/10"));
        assertThat(eleventh.status()).isEqualTo(409);
        assertThat(eleventh.json().get("type").asText()).isEqualTo("urn:mailsift:problem:webhook-limit-reached");
    }

    @Test
    void someoneElsesEndpointAnswers404Everywhere() {
        String owner = newUser();
        String other = newUser();
        String id = api.post("/api/v1/webhooks", owner, Map.of("url", "http://127.0.0.1:9/x")).json()
                       .get("id").asText();
        String path = "/api/v1/webhooks/" + id;
        assertThat(api.get(path, other).status()).isEqualTo(404);
        assertThat(api.patch(path, other, Map.of("description", "mine")).status()).isEqualTo(404);
        assertThat(api.delete(path, other).status()).isEqualTo(404);
        assertThat(api.post(path + "/rotate-secret", other, Map.of()).status()).isEqualTo(404);
        assertThat(api.post(path + "/test", other, Map.of()).status()).isEqualTo(404);
        assertThat(api.get(path + "/deliveries", other).status()).isEqualTo(404);
        assertThat(api.post(path + "/deliveries/msg_x/retry", other, Map.of()).status()).isEqualTo(404);
        assertThat(api.post(path + "/recover", other, Map.of("since", Instant.EPOCH.toString())).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/webhooks", other).json().get("webhooks")).isEmpty();
        assertThat(api.get(path, owner).json().get("description").asText()).isEmpty();
    }

    @Test
    void aReceiverThatFailsTwiceThenAcceptsGetsTheSameSignedMessageThreeTimes() throws Exception {
        String token = newUser();
        long retriedBefore = attemptsCounted("retrying");
        long deliveredBefore = attemptsCounted("delivered");
        try (WebhookReceiver receiver = new WebhookReceiver().answer(500).answer(503, Map.of("Retry-After", "2"))) {
            JsonNode endpoint = register(token, receiver.url("/flaky"), List.of("job.completed"));
            String id = endpoint.get("id").asText();
            String messageId = api.post("/api/v1/webhooks/" + id + "/test", token, Map.of()).json()
                                  .get("message_id").asText();

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() >= 3);
            List<WebhookReceiver.Received> attempts = receiver.received();
            assertThat(attempts).hasSize(3);
            assertThat(attempts).extracting(r -> r.header("webhook-id")).containsOnly(messageId);
            for (WebhookReceiver.Received attempt : attempts) {
                verify(endpoint.get("secret").asText(), attempt);
                JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(attempt.body());
                assertThat(body.get("type").asText()).isEqualTo("webhook.test");
                assertThat(body.get("data").get("endpoint_id").asText()).isEqualTo(id);
            }
            // the 503's Retry-After (2 s) outweighed the schedule's 1 s
            long firstRetry = Long.parseLong(attempts.get(1).header("webhook-timestamp"));
            long secondRetry = Long.parseLong(attempts.get(2).header("webhook-timestamp"));
            assertThat(secondRetry - firstRetry).isGreaterThanOrEqualTo(2);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode delivery = api.get("/api/v1/webhooks/" + id + "/deliveries", token).json()
                                       .get("deliveries").get(0);
                assertThat(delivery.get("message_id").asText()).isEqualTo(messageId);
                assertThat(delivery.get("state").asText()).isEqualTo("delivered");
                assertThat(delivery.get("attempts")).extracting(a -> a.get("status_code").asInt())
                                                    .containsExactly(500, 503, 204);
            });
            // operators see the same on /actuator/prometheus (mailsift_webhook_attempts_seconds_count{outcome})
            assertThat(attemptsCounted("retrying")).isGreaterThanOrEqualTo(retriedBefore + 2);
            assertThat(attemptsCounted("delivered")).isGreaterThanOrEqualTo(deliveredBefore + 1);
            assertThat(meters.get(WebhookSender.PENDING_METRIC).gauge().value()).isNotNegative();

            Reply retried = api.post("/api/v1/webhooks/" + id + "/deliveries/" + messageId + "/retry", token,
                    Map.of());
            assertThat(retried.status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 4);
            assertThat(receiver.received().get(3).header("webhook-id")).isEqualTo(messageId);
            // the log keeps the first three attempts and adds the fourth (it once failed on a duplicate key)
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode delivery = api.get("/api/v1/webhooks/" + id + "/deliveries", token).json()
                                       .get("deliveries").get(0);
                assertThat(delivery.get("state").asText()).isEqualTo("delivered");
                assertThat(delivery.get("attempts")).extracting(a -> a.get("attempt").asInt())
                                                    .containsExactly(1, 2, 3, 4);
                assertThat(delivery.get("attempts").get(3).get("status_code").asInt()).isEqualTo(204);
            });
        }
    }

    @Test
    void aReceiverAnswering410IsDisabledAndGetsNothingMore() throws Exception {
        String email = "hooks-" + UUID.randomUUID() + "@example.com";
        String token = api.signUp(email, "a-long-password-1").token();
        try (WebhookReceiver receiver = new WebhookReceiver().answer(410)) {
            String id = register(token, receiver.url("/gone"), List.of()).get("id").asText();
            api.post("/api/v1/webhooks/" + id + "/test", token, Map.of());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode endpoint = api.get("/api/v1/webhooks/" + id, token).json();
                assertThat(endpoint.get("enabled").asBoolean()).isFalse();
                assertThat(endpoint.get("disabled_reason").asText()).isEqualTo("GONE");
            });
            String notice = TestMailServer.textPart(awaitDisabledNotice(email));
            assertThat(notice).contains(id).contains(receiver.url("/gone")).contains("410 Gone");
            api.post("/api/v1/webhooks/" + id + "/test", token, Map.of());
            Thread.sleep(1500);
            assertThat(receiver.received()).hasSize(1);

            assertThat(api.patch("/api/v1/webhooks/" + id, token, Map.of("enabled", true)).json()
                          .get("enabled").asBoolean()).isTrue();
            // recovery sends again what failed (the 410) and what was dropped while disabled, with their ids
            assertThat(api.post("/api/v1/webhooks/" + id + "/recover", token, Map.of()).status()).isEqualTo(400);
            Reply recovered = api.post("/api/v1/webhooks/" + id + "/recover", token,
                    Map.of("since", Instant.now().minusSeconds(600).toString()));
            assertThat(recovered.status()).isEqualTo(202);
            assertThat(recovered.json().get("messages").asInt()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 3);
            assertThat(receiver.received().stream().map(r -> r.header("webhook-id")).distinct()).hasSize(2);
        }
    }

    @Test
    void anEndpointWhoseEveryAttemptFailsForLongerThanDisableAfterIsDisabledItsOwnerMailedAndTheEventRecorded()
            throws Exception {
        String email = "hooks-" + UUID.randomUUID() + "@example.com";
        ApiClient.Session user = api.signUp(email, "a-long-password-1");
        String token = user.token();
        try (WebhookReceiver receiver = new WebhookReceiver().answer(500, 500, 500, 500, 500, 500, 500, 500)) {
            String id = register(token, receiver.url("/down"), List.of()).get("id").asText();
            api.post("/api/v1/webhooks/" + id + "/test", token, Map.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 3);
            assertThat(api.get("/api/v1/webhooks/" + id, token).json().get("enabled").asBoolean()).isTrue();
            Thread.sleep(2500);
            api.post("/api/v1/webhooks/" + id + "/test", token, Map.of());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode endpoint = api.get("/api/v1/webhooks/" + id, token).json();
                assertThat(endpoint.get("enabled").asBoolean()).isFalse();
                assertThat(endpoint.get("disabled_reason").asText()).isEqualTo("FAILING");
            });
            JsonNode deliveries = api.get("/api/v1/webhooks/" + id + "/deliveries", token).json();
            assertThat(deliveries.get("total").asLong()).isEqualTo(2);
            assertThat(deliveries.get("deliveries").get(1).get("state").asText()).isEqualTo("failed");

            String notice = TestMailServer.textPart(awaitDisabledNotice(email));
            assertThat(notice).contains(id).contains(receiver.url("/down")).contains("failed for too long")
                              .contains("/recover");
            // the history: who added the endpoint, and that the service (no one's request) disabled it
            List<JsonNode> history = endpointHistory(user.userId());
            assertThat(history).extracting(event -> event.get("type").asText())
                               .containsExactly("WebhookEndpointAdded", "WebhookEndpointDisabled");
            assertThat(history.get(0).get("actor").asText()).isEqualTo("user:" + user.userId());
            assertThat(history.get(1).get("actor").asText()).isEqualTo("system");
            assertThat(history.get(1).get("payload").get("reason").asText()).isEqualTo("FAILING");
        }
    }

    /** The one notice a disabled endpoint's owner gets (sign-up mail aside). */
    static jakarta.mail.internet.MimeMessage awaitDisabledNotice(String email) {
        await().atMost(Duration.ofSeconds(20)).until(() -> disabledNotices(email).size() == 1);
        return disabledNotices(email).getFirst();
    }

    private static List<jakarta.mail.internet.MimeMessage> disabledNotices(String email) {
        return TestMailServer.messagesTo(email).stream().filter(message -> {
            try {
                return message.getSubject().contains("stopped sending");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The account's endpoint events as an operator reads them in the audit history, oldest first. */
    List<JsonNode> endpointHistory(String userId) {
        String admin = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        JsonNode page = api.get("/api/v1/audit/events?aggregate_id=" + userId + "%2Fwebhooks", admin).json();
        List<JsonNode> events = new java.util.ArrayList<>();
        page.get("events").forEach(events::add);
        return events;
    }

    @Test
    void duringARotationMessagesVerifyWithTheOldSecretAndTheNewOneAndAfterItWithTheNewOneOnly() throws Exception {
        ApiClient.Session user = api.signUp("hooks-" + UUID.randomUUID() + "@example.com", "a-long-password-1");
        String token = user.token();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode endpoint = register(token, receiver.url("/rotating"), List.of());
            String id = endpoint.get("id").asText();
            String oldSecret = endpoint.get("secret").asText();
            Instant rotatedAt = Instant.now();
            Reply rotated = api.post("/api/v1/webhooks/" + id + "/rotate-secret", token, Map.of());
            assertThat(rotated.status()).isEqualTo(200);
            String newSecret = rotated.json().get("secret").asText();
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);

            api.post("/api/v1/webhooks/" + id + "/test", token, Map.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
            WebhookReceiver.Received message = receiver.received().getFirst();
            assertThat(message.header("webhook-signature").split(" ")).hasSize(2);
            verify(oldSecret, message);
            verify(newSecret, message);
            assertThatThrownBy(() -> verify(WebhookSignatures.newSecret(), message)).isNotNull();

            // once the overlap (8 s here, 24 h by default) has passed, only the new secret signs
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), rotatedAt.plusSeconds(9)).toMillis()));
            api.post("/api/v1/webhooks/" + id + "/test", token, Map.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
            WebhookReceiver.Received later = receiver.received().get(1);
            assertThat(later.header("webhook-signature").split(" ")).hasSize(1);
            verify(newSecret, later);
            assertThatThrownBy(() -> verify(oldSecret, later)).isNotNull();

            List<JsonNode> history = endpointHistory(user.userId());
            assertThat(history).extracting(event -> event.get("type").asText())
                               .containsExactly("WebhookEndpointAdded", "WebhookSecretRotated");
            assertThat(history).extracting(event -> event.get("actor").asText()).containsOnly("user:" + user.userId());
            // the sealed secrets stay in the store
            assertThat(history.get(1).get("payload").get("sealedSecret").asText()).isEqualTo("[redacted]");
            assertThat(history.get(1).get("payload").get("previousSealedSecret").asText()).isEqualTo("[redacted]");

            // the owner reads the same history of their endpoints; another account reads only its own (none)
            JsonNode own = api.get("/api/v1/webhooks/history", token).json();
            assertThat(own.get("events")).extracting(event -> event.get("type").asText())
                                         .containsExactly("WebhookEndpointAdded", "WebhookSecretRotated");
            assertThat(own.get("events").get(1).get("payload").get("sealedSecret").asText()).isEqualTo("[redacted]");
            assertThat(api.get("/api/v1/webhooks/history", newUser()).json().get("events")).isEmpty();
            assertThat(api.get("/api/v1/webhooks/history", null).status()).isEqualTo(401);
        }
    }

    /**
     * One slow receiver holds at most per-endpoint-concurrency (2) of a node's four sender threads: another
     * endpoint's message goes out while the slow one's attempts are still in flight.
     */
    @Test
    void aSlowReceiverHoldsItsOwnMessagesAndNobodyElses() throws Exception {
        String token = newUser();
        try (WebhookReceiver slow = new WebhookReceiver().delay(Duration.ofSeconds(3));
             WebhookReceiver fast = new WebhookReceiver()) {
            java.util.concurrent.atomic.AtomicInteger slowInFlightWhenFastArrived =
                    new java.util.concurrent.atomic.AtomicInteger(-1);
            fast.onArrival(request -> slowInFlightWhenFastArrived.set(slow.inFlight()));
            String slowId = register(token, slow.url("/slow"), List.of()).get("id").asText();
            String fastId = register(token, fast.url("/fast"), List.of()).get("id").asText();
            for (int i = 0; i < 4; i++) {
                api.post("/api/v1/webhooks/" + slowId + "/test", token, Map.of());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.inFlight() == 2);
            api.post("/api/v1/webhooks/" + fastId + "/test", token, Map.of());

            await().atMost(Duration.ofSeconds(2)).until(() -> fast.received().size() == 1);
            assertThat(slowInFlightWhenFastArrived.get()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(20)).until(() -> slow.received().size() == 4);
            assertThat(slow.mostInFlight()).isEqualTo(2);
        }
    }

    /** Billing's payments, as the Stripe path records them (that path is proven in the billing tests). */
    @Test
    void paymentsThatSucceededAndFailedAreAnnounced() throws Exception {
        ApiClient.Session user = api.signUp("hooks-" + UUID.randomUUID() + "@example.com", "a-long-password-1");
        String customer = "cus_hooks_" + UUID.randomUUID();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode endpoint = register(user.token(), receiver.url("/payments"),
                    List.of("billing.payment_succeeded", "billing.payment_failed"));
            Instant end = Instant.parse("2030-01-01T00:00:00Z");
            commands.sendAndWait(new CreateBillingCustomer(customer, user.userId()));
            commands.sendAndWait(new RecordPackPurchase(customer, user.userId(), "cs_hooks", "starter", 1000, 900,
                    "usd"));
            commands.sendAndWait(new RecordSubscriptionPeriodPaid(customer, user.userId(), "sub_pay", "in_paid",
                    "monthly-5k", 5000, end.minus(Duration.ofDays(30)), end, 1900, "USD"));
            commands.sendAndWait(new RecordPaymentFailed(customer, user.userId(), "sub_pay", "in_unpaid", 2, 1900,
                    "usd"));

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 3);
            Map<String, JsonNode> byKind = new HashMap<>();
            for (WebhookReceiver.Received message : receiver.received()) {
                verify(endpoint.get("secret").asText(), message);
                JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(message.body());
                JsonNode data = body.get("data");
                byKind.put(body.get("type").asText() + "/" + data.path("paid_for").asText(""), data);
            }
            assertThat(byKind).containsOnlyKeys("billing.payment_succeeded/pack_purchase",
                    "billing.payment_succeeded/subscription_period", "billing.payment_failed/");
            JsonNode pack = byKind.get("billing.payment_succeeded/pack_purchase");
            assertThat(pack.get("amount").asLong()).isEqualTo(900);
            assertThat(pack.get("currency").asText()).isEqualTo("usd");
            assertThat(pack.get("credits").asLong()).isEqualTo(1000);
            assertThat(pack.get("pack_id").asText()).isEqualTo("starter");
            assertThat(pack.get("checkout_session_id").asText()).isEqualTo("cs_hooks");
            assertThat(pack.get("invoice_id").isNull()).isTrue();
            JsonNode period = byKind.get("billing.payment_succeeded/subscription_period");
            assertThat(period.get("currency").asText()).isEqualTo("usd");
            assertThat(period.get("plan_id").asText()).isEqualTo("monthly-5k");
            assertThat(period.get("subscription_id").asText()).isEqualTo("sub_pay");
            assertThat(period.get("invoice_id").asText()).isEqualTo("in_paid");
            assertThat(period.get("credits").asLong()).isEqualTo(5000);
            JsonNode failed = byKind.get("billing.payment_failed/");
            assertThat(failed.get("invoice_id").asText()).isEqualTo("in_unpaid");
            assertThat(failed.get("attempt").asLong()).isEqualTo(2);
            assertThat(failed.get("amount").asLong()).isEqualTo(1900);
        }
    }

    @Test
    void aJobCancelledWhileItRunsSendsJobCancelledAndNoJobCompleted() throws Exception {
        String token = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String userId = api.get("/api/v1/account", token).json().get("id").asText();
        api.post("/api/v1/admin/users/" + userId + "/credits", token, Map.of("amount", 20, "reason", "test"));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode endpoint = register(token, receiver.url("/ends"),
                    List.of("job.cancelled", "job.completed", "job.failed"));
            StringBuilder list = new StringBuilder("email\n");
            for (int row = 0; row < 12; row++) {
                list.append("slow").append(row).append("@hooks-inbox.com\n");
            }
            Reply submitted = api.upload("/api/v1/jobs", token, "slow.csv",
                    list.toString().getBytes(StandardCharsets.UTF_8), Map.of());
            assertThat(submitted.status()).isEqualTo(202);
            String jobId = submitted.json().get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    api.get("/api/v1/jobs/" + jobId, token).json().get("rows_done").asLong() > 0);
            Reply cancelled = api.post("/api/v1/jobs/" + jobId + "/cancel", token, Map.of());
            assertThat(cancelled.status()).as(cancelled.body()).isLessThan(300);

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.receivedAt("/ends").size() == 1);
            WebhookReceiver.Received message = receiver.receivedAt("/ends").getFirst();
            verify(endpoint.get("secret").asText(), message);
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(message.body());
            assertThat(body.get("type").asText()).isEqualTo("job.cancelled");
            assertThat(body.get("data").get("job_id").asText()).isEqualTo(jobId);
            assertThat(api.get("/api/v1/jobs/" + jobId, token).json().get("rows_done").asLong())
                    .as("cancelled while it ran").isLessThan(12);
            // the job ends once: nothing else arrives for it
            Thread.sleep(3_000);
            assertThat(receiver.receivedAt("/ends")).hasSize(1);
        }
    }

    @Test
    void aCompletedJobSendsAVerifiableJobCompletedToTheEndpointsThatWantIt() throws Exception {
        String token = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String userId = api.get("/api/v1/account", token).json().get("id").asText();
        api.post("/api/v1/admin/users/" + userId + "/credits", token, Map.of("amount", 10, "reason", "test"));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode completedOnly = register(token, receiver.url("/completed"), List.of("job.completed"));
            JsonNode everything = register(token, receiver.url("/all"), List.of());

            Reply submitted = api.upload("/api/v1/jobs", token, "list.csv",
                    "email\nada@hooks-inbox.com\nbob@hooks-inbox.com\n".getBytes(StandardCharsets.UTF_8), Map.of());
            assertThat(submitted.status()).isEqualTo(202);
            String jobId = submitted.json().get("id").asText();

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.receivedAt("/completed").size() == 1);
            WebhookReceiver.Received completed = receiver.receivedAt("/completed").getFirst();
            verify(completedOnly.get("secret").asText(), completed);
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(completed.body());
            assertThat(body.get("type").asText()).isEqualTo("job.completed");
            assertThat(Instant.parse(body.get("timestamp").asText())).isBefore(Instant.now().plusSeconds(1));
            JsonNode data = body.get("data");
            assertThat(data.get("job_id").asText()).isEqualTo(jobId);
            assertThat(data.get("counts").get("deliverable").asLong()).isEqualTo(2);
            assertThat(data.get("counts").get("total").asLong()).isEqualTo(2);
            // the jobs read model is another processor: it may reach the completion just after the webhook did
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    api.get("/api/v1/jobs/" + jobId, token).json().get("credits_captured").asLong() == 2);
            assertThat(data.get("credits_captured").asLong()).isEqualTo(2);
            assertThat(data.get("links").get("results_csv").asText())
                    .isEqualTo("/api/v1/jobs/" + jobId + "/results?format=csv");
            assertThat(completed.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(20 * 1024);

            assertThat(data.get("reasons").properties()).isNotEmpty();
            long byReason = 0;
            for (var reason : data.get("reasons").properties()) {
                byReason += reason.getValue().asLong();
            }
            assertThat(byReason).isEqualTo(2);

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.receivedAt("/all").size() == 4);
            Map<String, JsonNode> byType = new HashMap<>();
            for (WebhookReceiver.Received message : receiver.receivedAt("/all")) {
                verify(everything.get("secret").asText(), message);
                JsonNode parsed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(message.body());
                byType.put(parsed.get("type").asText(), parsed.get("data"));
            }
            assertThat(byType).containsOnlyKeys("job.accepted", "credits.low", "job.progress", "job.completed");
            assertThat(byType.get("job.accepted").get("billable").asLong()).isEqualTo(2);
            assertThat(byType.get("credits.low").get("credits_available").asLong()).isEqualTo(8);
            assertThat(byType.get("credits.low").get("threshold").asLong()).isEqualTo(9);
            assertThat(byType.get("job.progress").get("percent").asInt()).isEqualTo(50);
            assertThat(byType.get("job.progress").get("rows_done").asLong()).isEqualTo(1);
            assertThat(receiver.receivedAt("/all").stream().map(m -> m.header("webhook-id")).distinct()).hasSize(4);
            Thread.sleep(1000);
            assertThat(receiver.receivedAt("/completed")).hasSize(1);
        }
    }

    /** A list turned away is announced with the reason the job shows. */
    @Test
    void aRejectedListIsAnnounced() throws Exception {
        String token = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode endpoint = register(token, receiver.url("/rejected"), List.of("job.rejected"));
            Reply submitted = api.upload("/api/v1/jobs", token, "names.csv",
                    "name,city\nAda,London\n".getBytes(StandardCharsets.UTF_8), Map.of());
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
            String jobId = submitted.json().get("id").asText();

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
            WebhookReceiver.Received message = receiver.received().getFirst();
            verify(endpoint.get("secret").asText(), message);
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(message.body());
            assertThat(body.get("type").asText()).isEqualTo("job.rejected");
            JsonNode data = body.get("data");
            assertThat(data.get("job_id").asText()).isEqualTo(jobId);
            assertThat(data.get("links").get("results_csv").isNull()).isTrue();
            JsonNode job = await().atMost(Duration.ofSeconds(30)).until(
                    () -> api.get("/api/v1/jobs/" + jobId, token).json(),
                    view -> "rejected".equals(view.get("status").asText()));
            assertThat(data.get("reason").asText()).isEqualTo(job.get("rejection_reason").asText());
        }
    }

    /**
     * Credits taken back (a refund, here sent as the Stripe path sends it) and credits that lapsed are announced; the
     * Stripe side of both is proven in the billing tests.
     */
    @Test
    void creditsTakenBackAndCreditsThatLapsedAreAnnounced() throws Exception {
        String admin = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        ApiClient.Session user = api.signUp("hooks-" + UUID.randomUUID() + "@example.com", "a-long-password-1");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode endpoint = register(user.token(), receiver.url("/credits"),
                    List.of("credits.revoked", "credits.expired"));
            String grantId = api.post("/api/v1/admin/users/" + user.userId() + "/credits", admin,
                    Map.of("amount", 10, "reason", "t")).json().get("grant_id").asText();
            commands.sendAndWait(new RevokeCredits(user.userId(), grantId, "charge/ch_hooks/refunds", 500, 1000,
                    RevocationCause.REFUND, "ch_hooks"));
            commands.sendAndWait(new GrantCredits(user.userId(), "lapsing-" + UUID.randomUUID(), 3, "t",
                    CreditSource.SUBSCRIPTION_PERIOD, Instant.now().minusSeconds(1)));

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);
            Map<String, JsonNode> byType = new HashMap<>();
            for (WebhookReceiver.Received message : receiver.received()) {
                verify(endpoint.get("secret").asText(), message);
                JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(message.body());
                byType.put(body.get("type").asText(), body.get("data"));
            }
            JsonNode revoked = byType.get("credits.revoked");
            assertThat(revoked.get("grant_id").asText()).isEqualTo(grantId);
            assertThat(revoked.get("amount").asLong()).isEqualTo(5);
            assertThat(revoked.get("written_off").asLong()).isZero();
            assertThat(revoked.get("cause").asText()).isEqualTo("refund");
            assertThat(revoked.get("charge").asText()).isEqualTo("ch_hooks");
            assertThat(revoked.get("credits_available").asLong()).isEqualTo(5);
            assertThat(byType.get("credits.expired").get("amount").asLong()).isEqualTo(3);
            assertThat(byType.get("credits.expired").get("credits_available").asLong()).isEqualTo(5);
        }
    }

    /** A plan change is announced (sent here as the Stripe path sends it; that path is proven in the billing tests). */
    @Test
    void aSubscriptionsChangeOfPlanAndItsScheduledEndAreAnnounced() throws Exception {
        ApiClient.Session user = api.signUp("hooks-" + UUID.randomUUID() + "@example.com", "a-long-password-1");
        String customer = "cus_hooks_" + UUID.randomUUID();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode endpoint = register(user.token(), receiver.url("/plans"), List.of("subscription.changed"));
            Instant end = Instant.parse("2030-01-01T00:00:00Z");
            commands.sendAndWait(new CreateBillingCustomer(customer, user.userId()));
            commands.sendAndWait(new RecordSubscriptionPeriodPaid(customer, user.userId(), "sub_hooks", "in_hooks",
                    "monthly-5k", 5000, end.minus(Duration.ofDays(30)), end, 1900, "usd"));
            commands.sendAndWait(new RecordSubscriptionChange(customer, user.userId(), "sub_hooks", "monthly-50k",
                    50_000, null));
            commands.sendAndWait(new RecordSubscriptionChange(customer, user.userId(), "sub_hooks", "monthly-50k",
                    50_000, end));

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);
            Map<String, JsonNode> byChange = new HashMap<>();
            for (WebhookReceiver.Received message : receiver.received()) {
                verify(endpoint.get("secret").asText(), message);
                JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(message.body());
                assertThat(body.get("type").asText()).isEqualTo("subscription.changed");
                byChange.put(body.get("data").get("change").asText(), body.get("data"));
            }
            JsonNode upgraded = byChange.get("upgraded");
            assertThat(upgraded.get("subscription_id").asText()).isEqualTo("sub_hooks");
            assertThat(upgraded.get("previous_plan_id").asText()).isEqualTo("monthly-5k");
            assertThat(upgraded.get("plan_id").asText()).isEqualTo("monthly-50k");
            assertThat(upgraded.get("credits_per_period").asLong()).isEqualTo(50_000);
            assertThat(upgraded.get("cancel_at").isNull()).isTrue();
            assertThat(Instant.parse(byChange.get("cancellation_scheduled").get("cancel_at").asText())).isEqualTo(end);
        }
    }

    @Test
    void apiKeysAndCreditGrantsAreAnnouncedWithoutTheKeysHash() throws Exception {
        String admin = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        ApiClient.Session user = api.signUp("hooks-" + UUID.randomUUID() + "@example.com", "a-long-password-1");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode endpoint = register(user.token(), receiver.url("/account"),
                    List.of("api_key.created", "api_key.revoked", "credits.granted"));
            JsonNode key = api.post("/api/v1/api-keys", user.token(), Map.of("label", "CI")).json();
            api.delete("/api/v1/api-keys/" + key.get("id").asText(), user.token());
            api.post("/api/v1/admin/users/" + user.userId() + "/credits", admin, Map.of("amount", 5, "reason", "t"));

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 3);
            Map<String, JsonNode> byType = new HashMap<>();
            for (WebhookReceiver.Received message : receiver.received()) {
                verify(endpoint.get("secret").asText(), message);
                assertThat(message.body()).doesNotContain(key.get("key").asText().substring(12));
                JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(message.body());
                byType.put(body.get("type").asText(), body.get("data"));
            }
            assertThat(byType.get("api_key.created").get("key_id").asText()).isEqualTo(key.get("id").asText());
            assertThat(byType.get("api_key.created").get("label").asText()).isEqualTo("CI");
            assertThat(byType.get("api_key.created").has("secret_hash")).isFalse();
            assertThat(byType.get("api_key.revoked").get("key_id").asText()).isEqualTo(key.get("id").asText());
            assertThat(byType.get("credits.granted").get("amount").asLong()).isEqualTo(5);
            assertThat(byType.get("credits.granted").get("source").asText()).isEqualTo("operator");
        }
    }

    /**
     * The processor that writes messages is never replayed: a replay would send old news again. An operator's
     * request to replay it is refused.
     */
    @Test
    void theProcessorThatMakesMessagesCannotBeReplayed() {
        String operator = api.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        Reply replay = api.post("/api/v1/admin/processors/" + WebhookMessages.PROCESSING_GROUP + "/replay", operator,
                Map.of());
        assertThat(replay.status()).as(replay.body()).isEqualTo(409);
        assertThat(replay.json().get("detail").asText()).contains("acts on what it reads");
    }

    @Autowired
    WebhookOutbox outbox;

    @Test
    void ofNodesClaimingOneMessageAtOnceExactlyOneWinsUntilItsLeaseRunsOut() throws Exception {
        // made due half an hour from now, so this node's own sender leaves it alone
        Instant due = Instant.now().plus(Duration.ofMinutes(30));
        String id = "msg_claim_" + UUID.randomUUID().toString().replace("-", "");
        outbox.enqueue(id, "ep_none", "u_none", "webhook.test", "{}", due);
        outbox.enqueue(id, "ep_none", "u_none", "webhook.test", "{\"again\":true}", due);
        assertThat(outbox.find("ep_none", id)).get().extracting(WebhookOutbox.Message::payload).isEqualTo("{}");

        Instant now = due.plusSeconds(1);
        int nodes = 8;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(nodes);
        List<java.util.concurrent.Future<Boolean>> claims = new java.util.ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            String node = "node-" + i;
            claims.add(pool.submit(() -> {
                start.await();
                return outbox.claim(id, node, now, now.plusSeconds(60));
            }));
        }
        start.countDown();
        int won = 0;
        for (var claim : claims) {
            won += claim.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(won).isEqualTo(1);
        assertThat(outbox.claim(id, "late", now.plusSeconds(30), now.plusSeconds(90))).isFalse();
        assertThat(outbox.claim(id, "after-lease", now.plusSeconds(61), now.plusSeconds(121))).isTrue();
        outbox.drop(id);
    }

    @Autowired
    WebhookSender sender;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    long attemptsCounted(String outcome) {
        var timer = meters.find(WebhookSender.ATTEMPTS_METRIC).tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theDeliveryLogKeepsSettledMessagesForItsRetentionAndPendingOnesWhateverTheirAge() {
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(31));
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, Object[]> messages = Map.of(
                "msg_old_delivered_" + run, new Object[]{WebhookOutbox.DELIVERED, old, old},
                "msg_old_failed_" + run, new Object[]{WebhookOutbox.FAILED, old, old},
                "msg_old_dropped_" + run, new Object[]{WebhookOutbox.DROPPED, old, old},
                // made long ago, still waiting for its next attempt (a day from now, so no sender takes it)
                "msg_old_pending_" + run, new Object[]{WebhookOutbox.PENDING, old, now.plus(Duration.ofDays(1))},
                "msg_recent_delivered_" + run, new Object[]{WebhookOutbox.DELIVERED, now.minus(Duration.ofDays(29)),
                        now});
        messages.forEach((id, row) -> {
            jdbc.update("INSERT INTO webhook_message (id, endpoint_id, user_id, event_type, payload, created_at, "
                            + "state, attempts, next_attempt_at) VALUES (?, ?, ?, 'webhook.test', '{}', ?, ?, 1, ?)",
                    id, "ep_retention_" + run, "u_retention", java.sql.Timestamp.from((Instant) row[1]), row[0],
                    java.sql.Timestamp.from((Instant) row[2]));
            jdbc.update("INSERT INTO webhook_attempt (message_id, endpoint_id, attempt, attempted_at, status_code, "
                    + "latency_ms) VALUES (?, ?, 1, ?, 500, 3)", id, "ep_retention_" + run,
                    java.sql.Timestamp.from((Instant) row[1]));
        });

        sender.prune();

        assertThat(jdbc.queryForList("SELECT id FROM webhook_message WHERE endpoint_id = ?", String.class,
                "ep_retention_" + run)).containsExactlyInAnyOrder("msg_old_pending_" + run,
                "msg_recent_delivered_" + run);
        assertThat(jdbc.queryForList("SELECT message_id FROM webhook_attempt WHERE endpoint_id = ?", String.class,
                "ep_retention_" + run)).containsExactlyInAnyOrder("msg_old_pending_" + run,
                "msg_recent_delivered_" + run);
        jdbc.update("DELETE FROM webhook_attempt WHERE endpoint_id = ?", "ep_retention_" + run);
        jdbc.update("DELETE FROM webhook_message WHERE endpoint_id = ?", "ep_retention_" + run);
    }

    @Autowired
    JobProgressLedger progress;

    @Test
    void jobProgressIsDueEveryTenPercentOrTenSecondsAndNeverAtTheEnd() {
        String job = "job-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        progress.accepted(job, 100, t0);
        assertThat(progress.chunk(job, 5, Map.of("accepted", 5L), t0.plusSeconds(1))).isEmpty();
        assertThat(progress.chunk(job, 5, Map.of("accepted", 5L), t0.plusSeconds(2)))
                .contains(new JobProgressLedger.Progress(10, 100, 10));
        assertThat(progress.chunk(job, 1, Map.of("no_domain", 1L), t0.plusSeconds(3))).isEmpty();
        assertThat(progress.chunk(job, 1, Map.of(), t0.plusSeconds(11))).isEmpty();
        assertThat(progress.chunk(job, 1, Map.of(), t0.plusSeconds(12)))
                .contains(new JobProgressLedger.Progress(13, 100, 13));
        assertThat(progress.chunk(job, 87, Map.of(), t0.plusSeconds(40))).isEmpty();
        assertThat(progress.finish(job)).containsExactlyInAnyOrderEntriesOf(Map.of("accepted", 10L, "no_domain", 1L));
        assertThat(progress.chunk(job, 1, Map.of(), t0.plusSeconds(60))).isEmpty();
    }

    JsonNode register(String token, String url, List<String> eventTypes) {
        Reply created = api.post("/api/v1/webhooks", token, Map.of("url", url, "event_types", eventTypes));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    String newUser() {
        return api.signUp("hooks-" + UUID.randomUUID() + "@example.com", "a-long-password-1").token();
    }

    /** Checks the message with the Standard Webhooks library, as a receiver holding {@code secret} would. */
    static void verify(String secret, WebhookReceiver.Received message) throws Exception {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            headers.put(name, List.of(message.header(name)));
        }
        new Webhook(secret).verify(message.body(), headers);
    }
}
