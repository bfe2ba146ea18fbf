package dev.mailsift.web.webhooks;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** One attempt against receivers on loopback: what the client refuses, and what it does not follow. */
class WebhookHttpClientTest {

    private static final AddressPolicy LOOPBACK_ALLOWED = new AddressPolicy(List.of("127.0.0.0/8"));

    @Test
    void anAddressThePolicyRefusesIsNeverConnectedToEvenWhenTheUrlWasAcceptedEarlier() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             WebhookHttpClient strict = new WebhookHttpClient(new AddressPolicy(List.of()), Duration.ofSeconds(5), 2)) {
            WebhookHttpClient.Outcome outcome = strict.post(receiver.url("/hook"), Map.of(), "{}");
            assertThat(outcome.status()).isNull();
            assertThat(outcome.error()).contains("127.0.0.0/8");
            WebhookHttpClient.Outcome spelled = strict.post(receiver.url("/hook").replace("127.0.0.1", "2130706433"),
                    Map.of(), "{}");
            assertThat(spelled.status()).isNull();
            assertThat(receiver.received()).isEmpty();
        }
    }

    /**
     * DNS rebinding: a name checked as allowed may resolve elsewhere at the next attempt. Each attempt resolves once,
     * through the policy, and connects to an address of that answer: the name below exists in no real DNS, so any
     * second lookup (by the client or the JDK) would fail the attempt instead of delivering it.
     */
    @Test
    void eachAttemptResolvesTheNameOnceAndConnectsOnlyToAnAddressThePolicyAllowed() throws Exception {
        String name = "hooks.rebinding.test";
        InetAddress receiverAddress = InetAddress.getByName("127.0.0.1");
        java.util.Deque<InetAddress[]> answers = new java.util.ArrayDeque<>(List.of(
                new InetAddress[]{receiverAddress},
                new InetAddress[]{InetAddress.getByName("169.254.169.254")},
                new InetAddress[]{InetAddress.getByName("10.0.0.7"), receiverAddress},
                new InetAddress[]{InetAddress.getByName("::ffff:127.0.0.2"), InetAddress.getByName("127.0.0.3")}));
        List<String> lookups = new java.util.concurrent.CopyOnWriteArrayList<>();
        AddressPolicy onlyTheReceiver = new AddressPolicy(List.of("127.0.0.1/32"), host -> {
            lookups.add(host);
            return answers.removeFirst();
        });
        try (WebhookReceiver receiver = new WebhookReceiver();
             WebhookHttpClient client = new WebhookHttpClient(onlyTheReceiver, Duration.ofSeconds(5), 2)) {
            String url = receiver.url("/hook").replace("127.0.0.1", name);

            WebhookHttpClient.Outcome allowed = client.post(url, Map.of(), "{}");
            assertThat(allowed.status()).isEqualTo(204);
            assertThat(allowed.address()).isEqualTo("127.0.0.1");
            assertThat(lookups).containsExactly(name);
            assertThat(receiver.received().getFirst().header("host")).startsWith(name + ":");

            // the same name now points at the cloud metadata service: no connection at all
            WebhookHttpClient.Outcome rebound = client.post(url.replace("/hook", "/rebound"), Map.of(), "{}");
            assertThat(rebound.status()).isNull();
            assertThat(rebound.address()).isNull();
            assertThat(rebound.error()).contains("169.254.0.0/16");

            // a refused address among allowed ones is left out; the allowed one is used
            WebhookHttpClient.Outcome mixed = client.post(url.replace("/hook", "/mixed"), Map.of(), "{}");
            assertThat(mixed.status()).isEqualTo(204);
            assertThat(mixed.address()).isEqualTo("127.0.0.1");

            // IPv4-mapped and other loopback addresses outside the listed network: refused
            WebhookHttpClient.Outcome mapped = client.post(url.replace("/hook", "/mapped"), Map.of(), "{}");
            assertThat(mapped.status()).isNull();
            assertThat(mapped.error()).contains("127.0.0.0/8");

            assertThat(lookups).hasSize(4);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::path)
                                           .containsExactly("/hook", "/mixed");
        }
    }

    /** The log shows a receiver's answer only from a public address: it must not become a way to read a LAN. */
    @Test
    void theAnswersBodyIsKeptOnlyFromAPublicAddress() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answerWithBody(500, "internal page of a private host");
             WebhookHttpClient client = new WebhookHttpClient(LOOPBACK_ALLOWED, Duration.ofSeconds(5), 2)) {
            WebhookHttpClient.Outcome outcome = client.post(receiver.url("/hook"), Map.of(), "{}");
            assertThat(outcome.status()).isEqualTo(500);
            assertThat(outcome.address()).isEqualTo("127.0.0.1");
            assertThat(outcome.responseBody()).isNull();
        }
        assertThat(LOOPBACK_ALLOWED.isPublic(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(LOOPBACK_ALLOWED.isPublic(InetAddress.getByName("93.184.216.34"))).isTrue();
    }

    /** Retry-After means "not before" only on 429 and 503; seconds or an HTTP date. */
    @Test
    void retryAfterIsReadOnlyFrom429And503() throws Exception {
        String inTwoMinutes = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(2));
        try (WebhookReceiver receiver = new WebhookReceiver()
                .answer(429, Map.of("Retry-After", "120"))
                .answer(503, Map.of("Retry-After", inTwoMinutes))
                .answer(500, Map.of("Retry-After", "120"));
             WebhookHttpClient client = new WebhookHttpClient(LOOPBACK_ALLOWED, Duration.ofSeconds(5), 2)) {
            assertThat(client.post(receiver.url("/a"), Map.of(), "{}").retryAfter()).isEqualTo(Duration.ofSeconds(120));
            assertThat(client.post(receiver.url("/b"), Map.of(), "{}").retryAfter())
                    .isBetween(Duration.ofSeconds(100), Duration.ofSeconds(120));
            assertThat(client.post(receiver.url("/c"), Map.of(), "{}").retryAfter()).isNull();
        }
    }

    @Test
    void redirectsAreNotFollowedAndDoNotCountAsDelivered() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             WebhookHttpClient client = new WebhookHttpClient(LOOPBACK_ALLOWED, Duration.ofSeconds(5), 2)) {
            receiver.answer(302, Map.of("Location", receiver.url("/elsewhere")));
            WebhookHttpClient.Outcome outcome = client.post(receiver.url("/hook"), Map.of("webhook-id", "m1"), "{}");
            assertThat(outcome.status()).isEqualTo(302);
            assertThat(outcome.succeeded()).isFalse();
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::path).containsExactly("/hook");
            assertThat(receiver.received().getFirst().header("webhook-id")).isEqualTo("m1");
        }
    }

    @Test
    void aReceiverThatNeverAnswersIsGivenUpAfterTheTimeout() throws Exception {
        HttpServer silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger arrived = new AtomicInteger();
        silent.createContext("/", exchange -> {
            arrived.incrementAndGet();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        silent.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        silent.start();
        try (WebhookHttpClient client = new WebhookHttpClient(LOOPBACK_ALLOWED, Duration.ofSeconds(1), 2)) {
            WebhookHttpClient.Outcome outcome = client.post("http://127.0.0.1:" + silent.getAddress().getPort()
                    + "/slow", Map.of(), "{}");
            assertThat(outcome.status()).isNull();
            assertThat(outcome.error()).isNotNull();
            assertThat(outcome.latency()).isLessThan(Duration.ofSeconds(5));
            assertThat(arrived.get()).isEqualTo(1);
        } finally {
            silent.stop(0);
        }
    }
}
