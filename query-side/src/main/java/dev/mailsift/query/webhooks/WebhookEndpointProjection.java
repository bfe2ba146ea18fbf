package dev.mailsift.query.webhooks;

import dev.mailsift.api.webhooks.FindWebhookEndpoint;
import dev.mailsift.api.webhooks.FindWebhookEndpoints;
import dev.mailsift.api.webhooks.WebhookEndpointAdded;
import dev.mailsift.api.webhooks.WebhookEndpointChanged;
import dev.mailsift.api.webhooks.WebhookEndpointDisabled;
import dev.mailsift.api.webhooks.WebhookEndpointRemoved;
import dev.mailsift.api.webhooks.WebhookEndpointView;
import dev.mailsift.api.webhooks.WebhookSecretRotated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/**
 * The endpoints in {@code webhook_endpoint}. Runs in the subscribing {@value #PROCESSING_GROUP} processor, inside
 * the appending transaction: an endpoint is listed, receives messages and stops receiving them from the moment
 * its event is stored, on every node.
 */
@Component
@ProcessingGroup(WebhookEndpointProjection.PROCESSING_GROUP)
public class WebhookEndpointProjection {

    public static final String PROCESSING_GROUP = "webhook-endpoints";

    private final WebhookEndpointRepository endpoints;
    private final Clock clock;

    WebhookEndpointProjection(WebhookEndpointRepository endpoints, Clock clock) {
        this.endpoints = endpoints;
        this.clock = clock;
    }

    @EventHandler
    void on(WebhookEndpointAdded event) {
        if (!endpoints.existsById(event.endpointId())) {
            endpoints.save(new WebhookEndpointEntity(event.endpointId(), event.userId(), event.url(),
                    event.description(), event.eventTypes(), event.sealedSecret(), event.addedAt()));
        }
    }

    @EventHandler
    void on(WebhookEndpointChanged event) {
        endpoints.findById(event.endpointId()).ifPresent(endpoint -> endpoint.changed(event.url(),
                event.description(), event.eventTypes(), event.enabled()));
    }

    @EventHandler
    void on(WebhookSecretRotated event) {
        endpoints.findById(event.endpointId()).ifPresent(endpoint -> endpoint.rotated(event.sealedSecret(),
                event.previousSealedSecret(), event.previousValidUntil()));
    }

    @EventHandler
    void on(WebhookEndpointDisabled event) {
        endpoints.findById(event.endpointId()).ifPresent(endpoint -> endpoint.disabled(event.reason().name()));
    }

    @EventHandler
    void on(WebhookEndpointRemoved event) {
        endpoints.deleteById(event.endpointId());
    }

    /** Empties the read model before it is rebuilt from the events (an operator's replay). */
    @ResetHandler
    void reset() {
        endpoints.deleteAllInBatch();
    }

    @QueryHandler
    List<WebhookEndpointView> handle(FindWebhookEndpoints query) {
        return endpoints.findByUserIdOrderByCreatedAtAscIdAsc(query.userId()).stream()
                        .map(endpoint -> endpoint.toView(clock.instant())).toList();
    }

    @QueryHandler
    WebhookEndpointView handle(FindWebhookEndpoint query) {
        return endpoints.findByIdAndUserId(query.endpointId(), query.userId())
                        .map(endpoint -> endpoint.toView(clock.instant())).orElse(null);
    }
}
