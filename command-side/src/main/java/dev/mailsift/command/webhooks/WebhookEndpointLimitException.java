package dev.mailsift.command.webhooks;

/** The account has as many endpoints as it may have. */
public class WebhookEndpointLimitException extends RuntimeException {

    public WebhookEndpointLimitException(int limit) {
        super("An account has at most " + limit + " webhook endpoints; delete one first.");
    }
}
