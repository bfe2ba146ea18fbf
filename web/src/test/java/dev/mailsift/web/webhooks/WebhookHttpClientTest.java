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
