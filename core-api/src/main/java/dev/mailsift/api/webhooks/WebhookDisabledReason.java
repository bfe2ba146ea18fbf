package dev.mailsift.api.webhooks;

/** Why the service stopped sending to an endpoint. */
public enum WebhookDisabledReason {
    /** The receiver answered 410 Gone. */
    GONE,
    /** Every message failed for longer than the configured period. */
    FAILING
}
