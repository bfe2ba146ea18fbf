package dev.mailsift.query.accounts.access;

import dev.mailsift.api.user.TotpCredentials;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A user's two-factor secret (encrypted) in {@code user_totp}, present while two-factor sign-in is on. */
@Entity
@Table(name = "user_totp")
class TotpEntity {

    @Id
    @Column(name = "user_id")
    private String userId;
    @Column(name = "secret_ciphertext", nullable = false)
    private String secretCiphertext;
    @Column(name = "enabled_at", nullable = false)
    private Instant enabledAt;

    protected TotpEntity() {
    }

    TotpEntity(String userId, String secretCiphertext, Instant enabledAt) {
        this.userId = userId;
        this.secretCiphertext = secretCiphertext;
        this.enabledAt = enabledAt;
    }

    TotpCredentials toCredentials() {
        return new TotpCredentials(userId, secretCiphertext);
    }
}
