package dev.mailsift.command.webhooks;

import dev.mailsift.api.webhooks.AddWebhookEndpoint;
import dev.mailsift.api.webhooks.ChangeWebhookEndpoint;
import dev.mailsift.api.webhooks.DisableWebhookEndpoint;
import dev.mailsift.api.webhooks.RemoveWebhookEndpoint;
import dev.mailsift.api.webhooks.RotateWebhookSecret;
import dev.mailsift.api.webhooks.WebhookEndpointAdded;
import dev.mailsift.api.webhooks.WebhookEndpointChanged;
import dev.mailsift.api.webhooks.WebhookEndpointDisabled;
import dev.mailsift.api.webhooks.WebhookEndpointRemoved;
import dev.mailsift.api.webhooks.WebhookEventType;
import dev.mailsift.api.webhooks.WebhookSecretRotated;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.mailsift.command.RejectedCommandException.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The outbound webhook endpoints of one account. One aggregate per account (not one per endpoint) because the
 * account's limit of {@value #MAX_ENDPOINTS} endpoints is a rule over all of them, and an aggregate sees only
 * itself. Its identifier is {@link #idOf(String)}, not the user id: the event store keys events by identifier
 * alone, and the {@code User} aggregate has that one.
 */
@Aggregate
public class WebhookEndpoints {

    static final int MAX_ENDPOINTS = 10;
    static final int MAX_URL_LENGTH = 2000;
    static final int MAX_DESCRIPTION_LENGTH = 500;

    @AggregateIdentifier
    private String id;
    private String userId;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

    protected WebhookEndpoints() {
        // for Axon: rebuilt from events, or created by the first endpoint
    }

    public static String idOf(String userId) {
        return userId + "/webhooks";
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(AddWebhookEndpoint command, Clock clock) {
        requireText(command.userId(), "userId");
        requireText(command.endpointId(), "endpointId");
        requireText(command.sealedSecret(), "sealedSecret");
        if (!idOf(command.userId()).equals(command.accountWebhooksId())) {
            throw new RejectedCommandException("accountWebhooksId does not belong to userId");
        }
        if (endpoints.containsKey(command.endpointId())) {
            throw new RejectedCommandException("endpointId is already in use");
        }
        if (endpoints.size() >= MAX_ENDPOINTS) {
            throw new WebhookEndpointLimitException(MAX_ENDPOINTS);
        }
        apply(new WebhookEndpointAdded(command.userId(), command.endpointId(), url(command.url()),
                description(command.description()), eventTypes(command.eventTypes()), command.sealedSecret(),
                clock.instant()));
        return command.endpointId();
    }

    @CommandHandler
    public void handle(ChangeWebhookEndpoint command, Clock clock) {
        Endpoint endpoint = endpoint(command.endpointId());
        apply(new WebhookEndpointChanged(userId, command.endpointId(),
                command.url() == null ? endpoint.url() : url(command.url()),
                command.description() == null ? endpoint.description() : description(command.description()),
                command.eventTypes() == null ? endpoint.eventTypes() : eventTypes(command.eventTypes()),
                command.enabled() == null ? endpoint.enabled() : command.enabled(), clock.instant()));
    }

    @CommandHandler
    public void handle(RemoveWebhookEndpoint command, Clock clock) {
        endpoint(command.endpointId());
        apply(new WebhookEndpointRemoved(userId, command.endpointId(), clock.instant()));
    }

    @CommandHandler
    public void handle(RotateWebhookSecret command, Clock clock) {
        Endpoint endpoint = endpoint(command.endpointId());
        requireText(command.sealedSecret(), "sealedSecret");
        Duration overlap = command.overlap() == null || command.overlap().isNegative() ? Duration.ZERO
                : command.overlap();
        Instant now = clock.instant();
        apply(new WebhookSecretRotated(userId, command.endpointId(), command.sealedSecret(),
                endpoint.sealedSecret(), now.plus(overlap), now));
    }

    /** Disabling a disabled endpoint changes nothing (several nodes may see the same 410). */
    @CommandHandler
    public void handle(DisableWebhookEndpoint command, Clock clock) {
        Endpoint endpoint = endpoint(command.endpointId());
        if (endpoint.enabled()) {
            apply(new WebhookEndpointDisabled(userId, command.endpointId(), command.reason(), command.detail(),
                    clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(WebhookEndpointAdded event) {
        this.id = idOf(event.userId());
        this.userId = event.userId();
        endpoints.put(event.endpointId(), new Endpoint(event.url(), event.description(), event.eventTypes(), true,
                event.sealedSecret()));
    }

    @EventSourcingHandler
    void on(WebhookEndpointChanged event) {
        endpoints.computeIfPresent(event.endpointId(), (key, old) -> new Endpoint(event.url(), event.description(),
                event.eventTypes(), event.enabled(), old.sealedSecret()));
    }

    @EventSourcingHandler
    void on(WebhookEndpointRemoved event) {
        endpoints.remove(event.endpointId());
    }

    @EventSourcingHandler
    void on(WebhookSecretRotated event) {
        endpoints.computeIfPresent(event.endpointId(), (key, old) -> new Endpoint(old.url(), old.description(),
                old.eventTypes(), old.enabled(), event.sealedSecret()));
    }

    @EventSourcingHandler
    void on(WebhookEndpointDisabled event) {
        endpoints.computeIfPresent(event.endpointId(), (key, old) -> new Endpoint(old.url(), old.description(),
                old.eventTypes(), false, old.sealedSecret()));
    }

    private Endpoint endpoint(String endpointId) {
        Endpoint endpoint = endpointId == null ? null : endpoints.get(endpointId);
        if (endpoint == null) {
            throw new UnknownWebhookEndpointException(endpointId);
        }
        return endpoint;
    }

    private static String url(String url) {
        requireText(url, "url");
        if (url.length() > MAX_URL_LENGTH) {
            throw new RejectedCommandException("url must be at most " + MAX_URL_LENGTH + " characters");
        }
        return url.strip();
    }

    private static String description(String description) {
        String text = description == null ? "" : description.strip();
        if (text.length() > MAX_DESCRIPTION_LENGTH) {
            throw new RejectedCommandException("description must be at most " + MAX_DESCRIPTION_LENGTH
                    + " characters");
        }
        return text;
    }

    private static List<String> eventTypes(List<String> eventTypes) {
        if (eventTypes == null) {
            return List.of();
        }
        for (String type : eventTypes) {
            if (WebhookEventType.fromWireName(type).isEmpty()) {
                throw new RejectedCommandException("unknown event type: " + type);
            }
        }
        return eventTypes.stream().distinct().toList();
    }

    record Endpoint(String url, String description, List<String> eventTypes, boolean enabled, String sealedSecret) {
    }
}
