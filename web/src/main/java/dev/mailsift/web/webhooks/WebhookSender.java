package dev.mailsift.web.webhooks;

import dev.mailsift.api.webhooks.DisableWebhookEndpoint;
import dev.mailsift.api.webhooks.FindWebhookEndpoint;
import dev.mailsift.api.webhooks.WebhookDisabledReason;
import dev.mailsift.api.webhooks.WebhookEndpointView;
import dev.mailsift.command.webhooks.UnknownWebhookEndpointException;
import dev.mailsift.command.webhooks.WebhookEndpoints;
import dev.mailsift.web.platform.security.SecretBox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the outbox's due messages, on every node, on threads of its own. Each poll takes at most as many
 * messages as this node has free sender threads, skips endpoints that already have
 * {@code per-endpoint-concurrency} attempts in flight here (one slow receiver holds its own messages, not the
 * others'), and sends only what its claim won. Retries follow {@code retry-schedule} with jitter, later when a
 * 429 or 503 asks for it with Retry-After; 410 Gone disables the endpoint, and so does failing for
 * {@code disable-after}.
 */
@Component
class WebhookSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    /** Longest Retry-After honoured: a receiver cannot park a message for longer than a day. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);
    /** Due messages read per poll at least. */
    private static final int DUE_BATCH = 64;
    private static final int PRUNE_BATCH = 500;
    static final String ATTEMPTS_METRIC = "mailsift.webhook.attempts";
    static final String PENDING_METRIC = "mailsift.webhook.pending";

    private final WebhookOutbox outbox;
    private final MeterRegistry meters;
    private final QueryGateway queries;
    private final CommandGateway commands;
    private final SecretBox secrets;
    private final WebhookProperties properties;
    private final Clock clock;
    private final String node = "node-" + UUID.randomUUID();
    private final Map<String, Semaphore> perEndpoint = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean pollAsked = new AtomicBoolean();
    private final WebhookHttpClient http;
    private volatile ScheduledExecutorService poller;
    private volatile ExecutorService senders;

    WebhookSender(WebhookOutbox outbox, QueryGateway queries, CommandGateway commands, SecretBox secrets,
                  WebhookProperties properties, AddressPolicy policy, Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.meters = meters;
        Gauge.builder(PENDING_METRIC, outbox, WebhookOutbox::pendingCount)
             .description("Webhook messages waiting for an attempt, on every node").register(meters);
        this.queries = queries;
        this.commands = commands;
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
        this.http = new WebhookHttpClient(policy,
                properties.timeout(), properties.senderThreads() * properties.perEndpointConcurrency());
    }

    /** This node's name in the outbox's {@code claimed_by} while it sends a message. */
    String node() {
        return node;
    }

    @Override
    public void start() {
        senders = Executors.newFixedThreadPool(properties.senderThreads(), named("webhook-sender"));
        poller = Executors.newSingleThreadScheduledExecutor(named("webhook-poller"));
        long every = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(this::pruneSafely, 1, 60, TimeUnit.MINUTES);
    }

    /** Keeps the delivery log to its retention: settled messages older than it go, a batch at a time. */
    void prune() {
        Instant cutoff = clock.instant().minus(properties.retention());
        int pruned;
        long total = 0;
        do {
            pruned = outbox.prune(cutoff, PRUNE_BATCH);
            total += pruned;
        } while (pruned == PRUNE_BATCH);
        if (total > 0) {
            log.info("Deleted {} webhook messages settled before {} from the delivery log", total, cutoff);
        }
    }

    private void pruneSafely() {
        try {
            prune();
        } catch (RuntimeException e) {
            log.warn("Pruning the webhook delivery log failed: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
            senders.shutdown();
            try {
                senders.awaitTermination(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            senders.shutdownNow();
            poller = null;
        }
        try {
            http.close();
        } catch (IOException e) {
            log.debug("Closing the webhook client", e);
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    /** After the event processors and the web server: stops before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Polling the webhook outbox failed: {}", e.toString());
        }
    }

    void poll() {
        pollAsked.set(false);
        int free = properties.senderThreads() - inFlight.get();
        if (free <= 0) {
            return;
        }
        Instant now = clock.instant();
        // more than the free threads: the oldest due messages may all be for endpoints already at their limit
        for (WebhookOutbox.Message message : outbox.due(now, Math.max(free * 4, DUE_BATCH))) {
            if (inFlight.get() >= properties.senderThreads()) {
                return;
            }
            Semaphore slots = perEndpoint.computeIfAbsent(message.endpointId(),
                    id -> new Semaphore(properties.perEndpointConcurrency()));
            if (!slots.tryAcquire()) {
                continue;
            }
            if (!outbox.claim(message.id(), node, now, now.plus(properties.lease()))) {
                slots.release();
                continue;
            }
            inFlight.incrementAndGet();
            senders.execute(() -> {
                try {
                    send(message);
                } catch (RuntimeException e) {
                    log.warn("Sending webhook message {} failed: {}", message.id(), e.toString());
                } finally {
                    inFlight.decrementAndGet();
                    slots.release();
                    pollSoon();
                }
            });
        }
    }

    /**
     * A thread came free: look for due messages now rather than at the next poll interval, which would otherwise
     * cap a node at its thread count of messages per interval. Asks coalesce into one poll.
     */
    private void pollSoon() {
        ScheduledExecutorService running = poller;
        if (running != null && pollAsked.compareAndSet(false, true)) {
            try {
                running.execute(this::pollSafely);
            } catch (RejectedExecutionException stopping) {
                pollAsked.set(false);
            }
        }
    }

    private void send(WebhookOutbox.Message message) {
        WebhookEndpointView endpoint = queries.query(new FindWebhookEndpoint(message.userId(), message.endpointId()),
                WebhookEndpointView.class).join();
        if (endpoint == null || !endpoint.enabled()) {
            outbox.drop(message.id());
            return;
        }
        List<String> keys = new ArrayList<>();
        keys.add(secrets.open(endpoint.userId(), endpoint.sealedSecret()));
        if (endpoint.previousSealedSecret() != null) {
            keys.add(secrets.open(endpoint.userId(), endpoint.previousSealedSecret()));
        }
        Instant attemptedAt = clock.instant();
        long timestamp = attemptedAt.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", message.id());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignatures.signatureHeader(keys, message.id(), timestamp,
                message.payload()));
        WebhookHttpClient.Outcome outcome = http.post(endpoint.url(), headers, message.payload());

        int attempt = message.attempts() + 1;
        var record = new WebhookOutbox.Attempt(message.id(), attempt, attemptedAt, outcome.status(),
                outcome.latency().toMillis(), outcome.error(), outcome.responseBody());
        if (outcome.succeeded()) {
            outbox.recordAttempt(message, record, WebhookOutbox.DELIVERED, attemptedAt);
            counted("delivered", outcome);
            return;
        }
        if (outcome.status() != null && outcome.status() == 410) {
            outbox.recordAttempt(message, record, WebhookOutbox.FAILED, attemptedAt);
            counted("gone", outcome);
            disable(endpoint, WebhookDisabledReason.GONE, "The endpoint answered 410 Gone.");
            return;
        }
        List<Duration> schedule = properties.retrySchedule();
        if (attempt >= schedule.size()) {
            outbox.recordAttempt(message, record, WebhookOutbox.FAILED, attemptedAt);
            counted("failed", outcome);
        } else {
            counted("retrying", outcome);
            Duration wait = jittered(schedule.get(attempt));
            if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(wait) > 0) {
                wait = outcome.retryAfter().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : outcome.retryAfter();
            }
            outbox.recordAttempt(message, record, WebhookOutbox.PENDING, clock.instant().plus(wait));
        }
        outbox.failingSince(endpoint.id())
              .filter(since -> since.plus(properties.disableAfter()).isBefore(clock.instant()))
              .ifPresent(since -> disable(endpoint, WebhookDisabledReason.FAILING,
                      "Every attempt failed since " + since + "."));
    }

    /** One attempt, by what became of its message, and how long the receiver took. */
    private void counted(String outcome, WebhookHttpClient.Outcome attempt) {
        Timer.builder(ATTEMPTS_METRIC).description("Webhook attempts by what became of the message")
             .tag("outcome", outcome).register(meters).record(attempt.latency());
    }

    private void disable(WebhookEndpointView endpoint, WebhookDisabledReason reason, String detail) {
        try {
            commands.sendAndWait(new DisableWebhookEndpoint(WebhookEndpoints.idOf(endpoint.userId()),
                    endpoint.userId(), endpoint.id(), reason, detail));
            log.info("Webhook endpoint {} disabled: {}", endpoint.id(), detail);
        } catch (UnknownWebhookEndpointException deletedMeanwhile) {
            log.debug("Webhook endpoint {} was deleted before it could be disabled", endpoint.id());
        }
    }

    private Duration jittered(Duration wait) {
        return jittered(wait, properties.jitter());
    }

    /** {@code wait} stretched or shrunk by a random share of at most {@code share}, so retries spread out. */
    static Duration jittered(Duration wait, double share) {
        if (share <= 0 || wait.isZero()) {
            return wait;
        }
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-share, share);
        return Duration.ofMillis(Math.round(wait.toMillis() * factor));
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
