package dev.mailsift.web.webhooks;

import dev.mailsift.api.billing.PackPurchased;
import dev.mailsift.api.billing.PaymentFailed;
import dev.mailsift.api.billing.SubscriptionChanged;
import dev.mailsift.api.billing.SubscriptionPeriodPaid;
import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.FileAccepted;
import dev.mailsift.api.job.FileRejected;
import dev.mailsift.api.job.JobCancelled;
import dev.mailsift.api.job.JobCompleted;
import dev.mailsift.api.job.JobFailed;
import dev.mailsift.api.user.ApiKeyIssued;
import dev.mailsift.api.user.ApiKeyRevoked;
import dev.mailsift.api.user.CreditsExpired;
import dev.mailsift.api.user.CreditsGranted;
import dev.mailsift.api.user.CreditsRevoked;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.webhooks.FindWebhookEndpoints;
import dev.mailsift.api.webhooks.WebhookEndpointView;
import dev.mailsift.api.webhooks.WebhookEventType;
import dev.mailsift.web.billing.LowCreditThreshold;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns events into outbox messages, one per interested endpoint. Runs in the pooled streaming
 * {@value #PROCESSING_GROUP} processor: it reads the event store, so a node that was down catches up, and it
 * never runs during a replay (a replay must not send old news again). Sending happens elsewhere
 * ({@link WebhookSender}), on threads of its own: the pipeline never waits for a receiver.
 *
 * <p>An endpoint gets only events that happened after it was registered: a processor catching up (or starting
 * for the first time on an existing event store) must not send an account's history to its new endpoint.
 */
@Component
@ProcessingGroup(WebhookMessages.PROCESSING_GROUP)
@DisallowReplay
class WebhookMessages {

    static final String PROCESSING_GROUP = "webhooks";

    private final QueryGateway queries;
    private final WebhookOutbox outbox;
    private final WebhookPayloads payloads;
    private final JobProgressLedger progress;
    private final LowCreditThreshold lowCreditThreshold;

    /** {@code lowCreditThreshold}: the billing capability's, so the warning mail and the message agree. */
    WebhookMessages(QueryGateway queries, WebhookOutbox outbox, WebhookPayloads payloads, JobProgressLedger progress,
                    LowCreditThreshold lowCreditThreshold) {
        this.queries = queries;
        this.outbox = outbox;
        this.payloads = payloads;
        this.progress = progress;
        this.lowCreditThreshold = lowCreditThreshold;
    }

    @EventHandler
    void on(FileAccepted event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        progress.accepted(event.jobId(), event.intake().uniqueAddresses(), at);
        enqueue(event.userId(), WebhookEventType.JOB_ACCEPTED, eventId, at, () -> payloads.accepted(event));
    }

    @EventHandler
    void on(FileRejected event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        progress.finish(event.jobId());
        enqueue(event.userId(), WebhookEventType.JOB_REJECTED, eventId, at, () -> payloads.rejected(event));
    }

    @EventHandler
    void on(JobCompleted event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        Map<String, Long> reasons = progress.finish(event.jobId());
        enqueue(event.userId(), WebhookEventType.JOB_COMPLETED, eventId, at,
                () -> payloads.completed(event, reasons));
    }

    @EventHandler
    void on(JobFailed event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        progress.finish(event.jobId());
        enqueue(event.userId(), WebhookEventType.JOB_FAILED, eventId, at, () -> payloads.failed(event));
    }

    @EventHandler
    void on(JobCancelled event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        progress.finish(event.jobId());
        enqueue(event.userId(), WebhookEventType.JOB_CANCELLED, eventId, at, () -> payloads.cancelled(event));
    }

    /** Throttled per job by {@link JobProgressLedger}, whoever listens. */
    @EventHandler
    void on(ChunkValidated event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        progress.chunk(event.jobId(), event.rows(), event.reasons(), at).ifPresent(now ->
                enqueue(event.userId(), WebhookEventType.JOB_PROGRESS, eventId, at,
                        () -> payloads.progress(event.jobId(), now, at)));
    }

    /** Sent when a reservation takes the balance from at or above the threshold to below it. */
    @EventHandler
    void on(CreditsReserved event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (lowCreditThreshold.crossedBy(event)) {
            enqueue(event.userId(), WebhookEventType.CREDITS_LOW, eventId, at,
                    () -> payloads.creditsLow(event, lowCreditThreshold.credits()));
        }
    }

    @EventHandler
    void on(CreditsGranted event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        enqueue(event.userId(), WebhookEventType.CREDITS_GRANTED, eventId, at, () -> payloads.creditsGranted(event));
    }

    /** Taken back or written off; a revocation that moved nothing is not announced. */
    @EventHandler
    void on(CreditsRevoked event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (event.amount() + event.writtenOff() > 0) {
            enqueue(event.userId(), WebhookEventType.CREDITS_REVOKED, eventId, at,
                    () -> payloads.creditsRevoked(event));
        }
    }

    @EventHandler
    void on(CreditsExpired event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (event.amount() > 0) {
            enqueue(event.userId(), WebhookEventType.CREDITS_EXPIRED, eventId, at,
                    () -> payloads.creditsExpired(event));
        }
    }

    @EventHandler
    void on(SubscriptionChanged event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        enqueue(event.userId(), WebhookEventType.SUBSCRIPTION_CHANGED, eventId, at,
                () -> payloads.subscriptionChanged(event));
    }

    @EventHandler
    void on(PackPurchased event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        enqueue(event.userId(), WebhookEventType.BILLING_PAYMENT_SUCCEEDED, eventId, at,
                () -> payloads.packPaid(event));
    }

    @EventHandler
    void on(SubscriptionPeriodPaid event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        enqueue(event.userId(), WebhookEventType.BILLING_PAYMENT_SUCCEEDED, eventId, at,
                () -> payloads.periodPaid(event));
    }

    @EventHandler
    void on(PaymentFailed event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        enqueue(event.userId(), WebhookEventType.BILLING_PAYMENT_FAILED, eventId, at,
                () -> payloads.paymentFailed(event));
    }

    @EventHandler
    void on(ApiKeyIssued event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        enqueue(event.userId(), WebhookEventType.API_KEY_CREATED, eventId, at, () -> payloads.apiKeyCreated(event));
    }

    @EventHandler
    void on(ApiKeyRevoked event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        enqueue(event.userId(), WebhookEventType.API_KEY_REVOKED, eventId, at, () -> payloads.apiKeyRevoked(event));
    }

    private void enqueue(String userId, WebhookEventType type, String eventId, Instant at,
                         java.util.function.Supplier<String> payload) {
        List<WebhookEndpointView> endpoints = queries.query(new FindWebhookEndpoints(userId),
                ResponseTypes.multipleInstancesOf(WebhookEndpointView.class)).join();
        String body = null;
        for (WebhookEndpointView endpoint : endpoints) {
            if (endpoint.enabled() && endpoint.wants(type.wireName()) && !at.isBefore(endpoint.createdAt())) {
                body = body == null ? payload.get() : body;
                outbox.enqueue(messageId(eventId, endpoint.id()), endpoint.id(), userId, type.wireName(), body, at);
            }
        }
    }

    /** The same event for the same endpoint is the same message, however often the event is handled. */
    static String messageId(String eventId, String endpointId) {
        return "msg_" + UUID.nameUUIDFromBytes((eventId + "|" + endpointId).getBytes(StandardCharsets.UTF_8))
                            .toString().replace("-", "");
    }
}
