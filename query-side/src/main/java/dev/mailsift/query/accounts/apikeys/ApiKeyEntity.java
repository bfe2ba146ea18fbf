package dev.mailsift.query.accounts.apikeys;

import dev.mailsift.api.user.ApiKeyCredentials;
import dev.mailsift.api.user.ApiKeyView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One row per API key in {@code api_key}; the secret itself is never stored, only its SHA-256. */
@Entity
@Table(name = "api_key")
class ApiKeyEntity {

    @Id
    private String id;
    @Column(name = "user_id", nullable = false)
    private String userId;
    @Column(nullable = false)
    private String label;
    @Column(nullable = false)
    private String prefix;
    @Column(name = "secret_hash", nullable = false)
    private String secretHash;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKeyEntity() {
    }

    ApiKeyEntity(String id, String userId, String label, String prefix, String secretHash, Instant createdAt,
                 Instant expiresAt) {
        this.id = id;
        this.userId = userId;
        this.label = label;
        this.prefix = prefix;
        this.secretHash = secretHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    void revoked(Instant at) {
        this.revokedAt = at;
    }

    String id() {
        return id;
    }

    ApiKeyView toView(Instant lastUsedAt) {
        return new ApiKeyView(id, label, prefix, createdAt, expiresAt, lastUsedAt, revokedAt);
    }

    ApiKeyCredentials toCredentials() {
        return new ApiKeyCredentials(id, userId, expiresAt, revokedAt);
    }
}
