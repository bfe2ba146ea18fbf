package dev.mailsift.web.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.api.job.FileAccepted;
import dev.mailsift.api.job.FileRejected;
import dev.mailsift.api.job.JobCancelled;
import dev.mailsift.api.job.JobCompleted;
import dev.mailsift.api.job.JobFailed;
import dev.mailsift.api.user.ApiKeyIssued;
import dev.mailsift.api.user.ApiKeyRevoked;
import dev.mailsift.api.billing.PackPurchased;
import dev.mailsift.api.billing.PaymentFailed;
import dev.mailsift.api.billing.SubscriptionChanged;
import dev.mailsift.api.billing.SubscriptionPeriodPaid;
import dev.mailsift.api.user.CreditsExpired;
import dev.mailsift.api.user.CreditsGranted;
import dev.mailsift.api.user.CreditsRevoked;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.webhooks.WebhookEventType;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The bodies of the messages: {@code {"type", "timestamp", "data"}} in the API's snake_case, each type's data as
 * docs/webhooks.md describes it. Written once, when the message is made, and sent byte for byte on every attempt
 * (the signature covers those bytes).
 */
@Component
class WebhookPayloads {

    /** Receivers commonly cap bodies; ours stay far below. */
    static final int MAX_PAYLOAD_BYTES = 20 * 1024;
    static final int MAX_TEXT = 1000;

    private final ObjectMapper json;

    WebhookPayloads(ObjectMapper json) {
        this.json = json;
    }

    record Envelope(String type, Instant timestamp, Object data) {
    }

    record Links(String job, String resultsCsv, String resultsXlsx) {
        static Links of(String jobId, boolean results) {
            String job = "/api/v1/jobs/" + jobId;
            return new Links(job, results ? job + "/results?format=csv" : null,
                    results ? job + "/results?format=xlsx" : null);
        }
    }

    record Counts(long deliverable, long undeliverable, long risky, long unknown, long total) {
    }

    record JobAcceptedData(String jobId, long rowsTotal, long uniqueAddresses, long duplicates, long billable,
                           Links links) {
    }

    record JobRejectedData(String jobId, String reason, String detail, Links links) {
    }

    record JobProgressData(String jobId, long rowsDone, long rowsTotal, int percent, Links links) {
    }

    record JobCompletedData(String jobId, Counts counts, Map<String, Long> reasons, long creditsCaptured,
                            long creditsReleased, Instant completedAt, Links links) {
    }

    record CreditsLowData(long creditsAvailable, long threshold) {
    }

    record JobFailedData(String jobId, String failedIn, String reason, Links links) {
    }

    record JobCancelledData(String jobId, String cancelledIn, Links links) {
    }

    record CreditsGrantedData(String grantId, long amount, String source, long creditsAvailable) {
    }

    record CreditsRevokedData(String grantId, long amount, long writtenOff, String cause, String charge,
                              long creditsAvailable) {
    }

    record CreditsExpiredData(String grantId, long amount, long creditsAvailable) {
    }

    record SubscriptionChangedData(String subscriptionId, String change, String previousPlanId, String planId,
                                   long creditsPerPeriod, Instant cancelAt) {
    }

    /**
     * {@code paidFor}: {@code pack_purchase} (with {@code packId} and {@code checkoutSessionId}) or
     * {@code subscription_period} (with {@code planId}, {@code subscriptionId} and {@code invoiceId}); amounts in
     * the currency's minor units, as Stripe counts them.
     */
    record PaymentSucceededData(String paidFor, long amount, String currency, long credits, String packId,
                                String checkoutSessionId, String planId, String subscriptionId, String invoiceId,
                                Instant paidAt) {
    }

    record PaymentFailedData(String subscriptionId, String invoiceId, long attempt, long amount, String currency,
                             Instant failedAt) {
    }

    record ApiKeyData(String keyId, String label, String prefix, Instant expiresAt) {
    }

    record ApiKeyRevokedData(String keyId) {
    }

    record TestData(String endpointId, String message) {
    }

    String accepted(FileAccepted event) {
        return write(WebhookEventType.JOB_ACCEPTED, event.acceptedAt(), new JobAcceptedData(event.jobId(),
                event.intake().rowsTotal(), event.intake().uniqueAddresses(), event.intake().duplicates(),
                event.intake().billable(), Links.of(event.jobId(), false)));
    }

    String rejected(FileRejected event) {
        return write(WebhookEventType.JOB_REJECTED, event.rejectedAt(), new JobRejectedData(event.jobId(),
                lower(event.reason()), bounded(event.detail()), Links.of(event.jobId(), false)));
    }

    String progress(String jobId, JobProgressLedger.Progress progress, Instant at) {
        return write(WebhookEventType.JOB_PROGRESS, at, new JobProgressData(jobId, progress.rowsDone(),
                progress.rowsTotal(), progress.percent(), Links.of(jobId, false)));
    }

    String creditsLow(CreditsReserved event, long threshold) {
        return write(WebhookEventType.CREDITS_LOW, event.reservedAt(), new CreditsLowData(event.availableAfter(),
                threshold));
    }

    /** {@code reasons}: verdicts by reason code, as the job's chunks reported them. */
    String completed(JobCompleted event, Map<String, Long> reasons) {
        var counts = event.counts();
        return write(WebhookEventType.JOB_COMPLETED, event.completedAt(), new JobCompletedData(event.jobId(),
                new Counts(counts.deliverable(), counts.undeliverable(), counts.risky(), counts.unknown(),
                        counts.total()), reasons, event.creditsCaptured(), event.creditsReleased(), event.completedAt(),
                Links.of(event.jobId(), true)));
    }

    String failed(JobFailed event) {
        return write(WebhookEventType.JOB_FAILED, event.failedAt(), new JobFailedData(event.jobId(),
                lower(event.failedIn()), bounded(event.reason()), Links.of(event.jobId(), false)));
    }

    String cancelled(JobCancelled event) {
        return write(WebhookEventType.JOB_CANCELLED, event.cancelledAt(), new JobCancelledData(event.jobId(),
                lower(event.cancelledIn()), Links.of(event.jobId(), false)));
    }

    String creditsGranted(CreditsGranted event) {
        return write(WebhookEventType.CREDITS_GRANTED, event.grantedAt(), new CreditsGrantedData(event.grantId(),
                event.amount(), event.source().code(), event.availableAfter()));
    }

    String creditsRevoked(CreditsRevoked event) {
        return write(WebhookEventType.CREDITS_REVOKED, event.revokedAt(), new CreditsRevokedData(event.grantId(),
                event.amount(), event.writtenOff(), event.cause().code(), event.charge(), event.availableAfter()));
    }

    String creditsExpired(CreditsExpired event) {
        return write(WebhookEventType.CREDITS_EXPIRED, event.expiredAt(), new CreditsExpiredData(event.grantId(),
                event.amount(), event.availableAfter()));
    }

    String subscriptionChanged(SubscriptionChanged event) {
        return write(WebhookEventType.SUBSCRIPTION_CHANGED, event.changedAt(), new SubscriptionChangedData(
                event.subscriptionId(), event.change().code(), event.previousPlanId(), event.planId(),
                event.creditsPerPeriod(), event.cancelAt()));
    }

    String packPaid(PackPurchased event) {
        return write(WebhookEventType.BILLING_PAYMENT_SUCCEEDED, event.paidAt(), new PaymentSucceededData(
                "pack_purchase", event.amount(), lowerCase(event.currency()), event.credits(), event.packId(),
                event.checkoutSessionId(), null, null, null, event.paidAt()));
    }

    String periodPaid(SubscriptionPeriodPaid event) {
        return write(WebhookEventType.BILLING_PAYMENT_SUCCEEDED, event.paidAt(), new PaymentSucceededData(
                "subscription_period", event.amount(), lowerCase(event.currency()), event.credits(), null, null,
                event.planId(), event.subscriptionId(), event.invoiceId(), event.paidAt()));
    }

    String paymentFailed(PaymentFailed event) {
        return write(WebhookEventType.BILLING_PAYMENT_FAILED, event.failedAt(), new PaymentFailedData(
                event.subscriptionId(), event.invoiceId(), event.attempt(), event.amount(),
                lowerCase(event.currency()), event.failedAt()));
    }

    private static String lowerCase(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /** Never the key's hash: a receiver learns which key, not anything that could match it. */
    String apiKeyCreated(ApiKeyIssued event) {
        return write(WebhookEventType.API_KEY_CREATED, event.issuedAt(), new ApiKeyData(event.keyId(),
                event.label(), event.prefix(), event.expiresAt()));
    }

    String apiKeyRevoked(ApiKeyRevoked event) {
        return write(WebhookEventType.API_KEY_REVOKED, event.revokedAt(), new ApiKeyRevokedData(event.keyId()));
    }

    String test(String endpointId, Instant at) {
        return write(WebhookEventType.WEBHOOK_TEST, at, new TestData(endpointId,
                "A test message sent on request."));
    }

    private String write(WebhookEventType type, Instant timestamp, Object data) {
        try {
            String body = json.writeValueAsString(new Envelope(type.wireName(), timestamp, data));
            if (body.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
                throw new IllegalStateException(type.wireName() + " payload over " + MAX_PAYLOAD_BYTES + " bytes");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Free text from elsewhere is cut short, so no message can outgrow the limit. */
    private static String bounded(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
