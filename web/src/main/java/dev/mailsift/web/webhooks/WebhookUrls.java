package dev.mailsift.web.webhooks;

import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The check of an endpoint's URL at registration and change: http or https, a host, no credentials, and a host
 * whose addresses are allowed by {@link AddressPolicy}. The check is repeated at every send, on the addresses
 * the name resolves to then: a name may point elsewhere later.
 */
@Component
class WebhookUrls {

    private final AddressPolicy policy;

    WebhookUrls(AddressPolicy policy) {
        this.policy = policy;
    }

    /** @throws RefusedWebhookUrlException why the service will not send to {@code url} */
    String check(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RefusedWebhookUrlException("The URL cannot be read: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedWebhookUrlException("Only http and https URLs are allowed.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedWebhookUrlException("The URL must not contain credentials.");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new RefusedWebhookUrlException("The URL has no host.");
        }
        String refusal = policy.refusalOfHost(host);
        if (refusal != null) {
            throw new RefusedWebhookUrlException("Webhooks cannot be sent to this host: " + refusal + ".");
        }
        try {
            InetAddress[] allowed = policy.resolveAllowed(host);
            assert allowed.length > 0;
        } catch (AddressPolicy.RefusedAddressException e) {
            throw new RefusedWebhookUrlException("Webhooks cannot be sent to this host: " + e.getMessage() + ".");
        } catch (UnknownHostException e) {
            throw new RefusedWebhookUrlException("The host name cannot be resolved.");
        }
        return uri.toString();
    }
}
