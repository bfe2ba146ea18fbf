package dev.mailsift.query.accounts.account;

import dev.mailsift.api.user.AccountView;
import dev.mailsift.api.user.UserRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One row per account in the {@code account_view} read model. */
@Entity
@Table(name = "account_view")
class AccountEntity {

    @Id
    private String id;
    @Column(nullable = false)
    private String email;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private UserRole role;
    @Column(name = "credits_available", nullable = false)
    private long creditsAvailable;
    @Column(name = "credits_reserved", nullable = false)
    private long creditsReserved;
    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AccountEntity() {
    }

    AccountEntity(String id, String email, UserRole role, Instant registeredAt) {
        this.id = id;
        this.email = email;
        this.role = role;
        this.registeredAt = registeredAt;
        this.updatedAt = registeredAt;
    }

    void role(UserRole role, Instant at) {
        this.role = role;
        this.updatedAt = at;
    }

    void creditsAvailable(long available, Instant at) {
        this.creditsAvailable = available;
        this.updatedAt = at;
    }

    void creditsReserved(long reserved, Instant at) {
        this.creditsReserved = reserved;
        this.updatedAt = at;
    }

    AccountView toView() {
        return new AccountView(id, email, role, creditsAvailable, creditsReserved, registeredAt, updatedAt);
    }
}
