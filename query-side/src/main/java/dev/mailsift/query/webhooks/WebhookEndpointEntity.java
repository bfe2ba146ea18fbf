package dev.mailsift.query.webhooks;

import dev.mailsift.api.webhooks.WebhookEndpointView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One row per endpoint in {@code webhook_endpoint}. */
@Entity
@Table(name = "webhook_endpoint")
class WebhookEndpointEntity {

    @Id
    private String id;
    @Column(name = "user_id", nullable = false)
    private String userId;
    @Column(nullable = false)
    private String url;
    @Column(nullable = false)
    private String description;
    @Column(name = "event_types", nullable = false)
    private String eventTypes;
    @Column(nullable = false)
    private boolean enabled;
    @Column(name = "disabled_reason")
    private String disabledReason;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "secret_sealed", nullable = false)
    private String secretSealed;
    @Column(name = "previous_secret_sealed")
    private String previousSecretSealed;
    @Column(name = "previous_secret_valid_until")
    private Instant previousSecretValidUntil;

    protected WebhookEndpointEntity() {
    }

    WebhookEndpointEntity(String id, String userId, String url, String description, List<String> eventTypes,
                          String secretSealed, Instant createdAt) {
        this.id = id;
        this.userId = userId;
        this.url = url;
        this.description = description;
        this.eventTypes = String.join(",", eventTypes);
        this.enabled = true;
        this.secretSealed = secretSealed;
        this.createdAt = createdAt;
    }

    void changed(String url, String description, List<String> eventTypes, boolean enabled) {
        this.url = url;
        this.description = description;
        this.eventTypes = String.join(",", eventTypes);
        if (enabled && !this.enabled) {
            this.disabledReason = null;
        }
        this.enabled = enabled;
    }

    void rotated(String secretSealed, String previousSecretSealed, Instant previousValidUntil) {
        this.secretSealed = secretSealed;
        this.previousSecretSealed = previousSecretSealed;
        this.previousSecretValidUntil = previousValidUntil;
    }

    void disabled(String reason) {
        this.enabled = false;
        this.disabledReason = reason;
    }

    WebhookEndpointView toView(Instant now) {
        boolean previousValid = previousSecretValidUntil != null && previousSecretValidUntil.isAfter(now);
        return new WebhookEndpointView(id, userId, url, description,
                eventTypes.isEmpty() ? List.of() : Arrays.asList(eventTypes.split(",")), enabled, disabledReason,
                createdAt, secretSealed, previousValid ? previousSecretSealed : null,
                previousValid ? previousSecretValidUntil : null);
    }
}
