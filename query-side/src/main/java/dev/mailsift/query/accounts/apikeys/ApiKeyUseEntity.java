package dev.mailsift.query.accounts.apikeys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * When a key last authenticated a request, in {@code api_key_use}: written by the edge, not derived from events, so
 * it lives beside the {@code api_key} read model and survives that model's rebuild from the event store.
 */
@Entity
@Table(name = "api_key_use")
class ApiKeyUseEntity {

    @Id
    @Column(name = "key_id")
    private String keyId;
    @Column(name = "last_used_at", nullable = false)
    private Instant lastUsedAt;

    protected ApiKeyUseEntity() {
    }

    ApiKeyUseEntity(String keyId, Instant lastUsedAt) {
        this.keyId = keyId;
        this.lastUsedAt = lastUsedAt;
    }

    String keyId() {
        return keyId;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }
}
