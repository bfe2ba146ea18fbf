package dev.mailsift.query.accounts.credentials;

import dev.mailsift.api.user.Credentials;
import dev.mailsift.api.user.UserRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Sign-in lookup by address, in {@code user_credentials}. */
@Entity
@Table(name = "user_credentials")
class CredentialsEntity {

    @Id
    private String email;
    @Column(name = "user_id", nullable = false)
    private String userId;
    @Column(name = "password_hash", nullable = false)
    private String passwordHash;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private UserRole role;

    protected CredentialsEntity() {
    }

    CredentialsEntity(String email, String userId, String passwordHash, UserRole role) {
        this.email = email;
        this.userId = userId;
        this.passwordHash = passwordHash;
        this.role = role;
    }

    void role(UserRole role) {
        this.role = role;
    }

    void passwordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    Credentials toCredentials() {
        return new Credentials(userId, email, passwordHash, role);
    }
}
