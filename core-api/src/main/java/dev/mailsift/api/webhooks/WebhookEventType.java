package dev.mailsift.api.webhooks;

import java.util.Arrays;
import java.util.Optional;

/** The event types an endpoint can subscribe to; {@link #wireName()} is the public contract (docs/webhooks.md). */
public enum WebhookEventType {
    JOB_ACCEPTED("job.accepted"),
    JOB_REJECTED("job.rejected"),
    JOB_PROGRESS("job.progress"),
    JOB_COMPLETED("job.completed"),
    JOB_FAILED("job.failed"),
    JOB_CANCELLED("job.cancelled"),
    CREDITS_LOW("credits.low"),
    CREDITS_GRANTED("credits.granted"),
    CREDITS_REVOKED("credits.revoked"),
    CREDITS_EXPIRED("credits.expired"),
    SUBSCRIPTION_CHANGED("subscription.changed"),
    BILLING_PAYMENT_SUCCEEDED("billing.payment_succeeded"),
    BILLING_PAYMENT_FAILED("billing.payment_failed"),
    API_KEY_CREATED("api_key.created"),
    API_KEY_REVOKED("api_key.revoked"),
    WEBHOOK_TEST("webhook.test");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }
}
