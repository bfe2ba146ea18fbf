package dev.mailsift.bench.pipeline;

import dev.mailsift.bench.BenchApi;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consumers' side of outbound webhooks: a receiver on loopback that answers every message after 50 ms, behind
 * ten endpoints of the benchmark's account. {@code messages} test messages are asked for at once while the pipeline
 * runs; the figure is how fast they all arrive, and the most that were in flight at the receiver at one time.
 */
final class WebhookBurst {

    static final int ENDPOINTS = 10;
    static final long ANSWER_MILLIS = 50;
    /** Test messages asked for at once, so that asking outpaces sending and the arrival rate is the sender's. */
    static final int ASKERS = 8;

    /**
     * @param askSeconds     how long asking for them took (one API call each, 8 at a time)
     * @param seconds        from the first ask to the last arrival
     * @param arrivalSeconds from the first arrival to the last: the delivery rate once messages are waiting
     */
    record Figures(int messages, int received, double askSeconds, double seconds, double arrivalSeconds,
                   int maxInFlight) {

        String line() {
            return String.format(Locale.ROOT, "%d test messages over %d endpoints to a loopback receiver answering in "
                    + "%d ms: %d received, %.1f s from the first ask to the last arrival (asking took %.1f s); "
                    + "arrivals %.0f/s; at most %d in flight at once", messages, ENDPOINTS, ANSWER_MILLIS, received,
                    seconds, askSeconds, received / arrivalSeconds, maxInFlight);
        }
    }

    private final HttpServer receiver;
    private final Set<String> testMessages = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<String> endpointIds = new ArrayList<>();
    private final AtomicLong firstArrival = new AtomicLong();
    private final AtomicLong lastArrival = new AtomicLong();

    private WebhookBurst() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try (InputStream body = exchange.getRequestBody()) {
                String json = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                Thread.sleep(ANSWER_MILLIS);
                if (json.contains("\"webhook.test\"")
                        && testMessages.add(exchange.getRequestHeaders().getFirst("webhook-id"))) {
                    long arrived = System.nanoTime();
                    firstArrival.compareAndSet(0, arrived);
                    lastArrival.set(arrived);
                }
                exchange.sendResponseHeaders(204, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        receiver.start();
    }

    /** The receiver, and the account's endpoints pointing at it (job events, so the pipeline's own go too). */
    static WebhookBurst register(BenchApi api, String token) throws Exception {
        WebhookBurst burst = new WebhookBurst();
        for (int i = 0; i < ENDPOINTS; i++) {
            burst.endpointIds.add(api.call("POST", "/api/v1/webhooks", token, Map.of(
                    "url", "http://127.0.0.1:" + burst.receiver.getAddress().getPort() + "/hook/" + i,
                    "description", "benchmark receiver " + i,
                    "event_types", List.of("job.accepted", "job.progress", "job.completed"))).get("id").asText());
        }
        return burst;
    }

    /** Asks for {@code messages} test messages spread over the endpoints, then waits for all of them to arrive. */
    Figures send(BenchApi api, String token, int messages, long timeoutSeconds) throws Exception {
        long started = System.nanoTime();
        try (ExecutorService askers = Executors.newFixedThreadPool(ASKERS)) {
            List<Future<?>> asks = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                String endpointId = endpointIds.get(i % ENDPOINTS);
                asks.add(askers.submit(() -> api.call("POST", "/api/v1/webhooks/" + endpointId + "/test", token,
                        null)));
            }
            for (Future<?> ask : asks) {
                ask.get();
            }
        }
        double askSeconds = (System.nanoTime() - started) / 1e9;
        long deadline = started + timeoutSeconds * 1_000_000_000L;
        while (testMessages.size() < messages && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return new Figures(messages, testMessages.size(), askSeconds, (lastArrival.get() - started) / 1e9,
                (lastArrival.get() - firstArrival.get()) / 1e9, maxInFlight.get());
    }

    void stop() {
        receiver.stop(0);
    }
}
