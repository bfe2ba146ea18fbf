package dev.mailsift.bench.pipeline;

import com.stripe.net.Webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stripe's side of the webhook: {@code deliveries} signed events arriving at once, as Stripe sends them after an
 * outage, each timed from send to acknowledgement. Stripe gives up on an endpoint that is slow to answer, so what
 * counts is how fast they are acknowledged while the pipeline runs beside them. The events are of a type billing
 * acknowledges and ignores: the endpoint's path (signature, inbox, answer) is the same for every type, and the
 * handling happens after the answer. One delivery goes first, untimed, as a warm-up.
 */
final class StripeDeliveryBurst {

    static final String WEBHOOK_SECRET = "whsec_pipeline_benchmark";

    record Figures(int deliveries, int acknowledged, double seconds, double p50Millis, double p99Millis,
                   double maxMillis) {

        String line() {
            return String.format(Locale.ROOT, "%d at once: %d acknowledged (2xx) in %.2f s = %.0f/s; latency p50 %.0f ms, "
                    + "p99 %.0f ms, max %.0f ms", deliveries, acknowledged, seconds, acknowledged / seconds,
                    p50Millis, p99Millis, maxMillis);
        }
    }

    private StripeDeliveryBurst() {
    }

    static Figures send(int port, int deliveries) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/api/v1/billing/stripe-webhook");
        String run = Long.toString(System.nanoTime(), 36);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i <= deliveries; i++) {
            String payload = "{\"id\":\"evt_bench_" + run + "_" + i + "\",\"object\":\"event\",\"type\":\"customer.updated\","
                    + "\"created\":" + Instant.now().getEpochSecond() + ",\"livemode\":false,\"pending_webhooks\":1,"
                    + "\"data\":{\"object\":{\"id\":\"cus_bench\",\"object\":\"customer\"}}}";
            requests.add(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                                    .header("Content-Type", "application/json; charset=utf-8")
                                    .header("Stripe-Signature", Webhook.Signature.generateSignatureHeader(payload,
                                            WEBHOOK_SECRET))
                                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build());
        }
        // one delivery first, not counted: the endpoint's first call loads stripe-java's event classes
        http.send(requests.removeFirst(), HttpResponse.BodyHandlers.ofString());
        CountDownLatch go = new CountDownLatch(1);
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        int acknowledged = 0;
        long start;
        long end;
        try (ExecutorService senders = Executors.newFixedThreadPool(deliveries)) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (HttpRequest request : requests) {
                statuses.add(senders.submit(() -> {
                    go.await();
                    long t0 = System.nanoTime();
                    int status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                    nanos.add(System.nanoTime() - t0);
                    return status;
                }));
            }
            start = System.nanoTime();
            go.countDown();
            for (Future<Integer> status : statuses) {
                acknowledged += status.get() / 100 == 2 ? 1 : 0;
            }
            end = System.nanoTime();
        }
        List<Long> sorted = nanos.stream().sorted().toList();
        return new Figures(deliveries, acknowledged, (end - start) / 1e9, percentile(sorted, 0.50),
                percentile(sorted, 0.99), sorted.getLast() / 1e6);
    }

    private static double percentile(List<Long> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }
}
