package dev.mailsift.command.webhooks;

/** An endpoint id the account does not have (never someone else's: the two are alike to the caller). */
public class UnknownWebhookEndpointException extends RuntimeException {

    public UnknownWebhookEndpointException(String endpointId) {
        super("No webhook endpoint " + endpointId);
    }
}
