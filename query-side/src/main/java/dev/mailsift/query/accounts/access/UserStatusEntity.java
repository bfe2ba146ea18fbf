package dev.mailsift.query.accounts.access;

import dev.mailsift.api.user.UserRole;
import dev.mailsift.api.user.UserStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One row per account in {@code user_status}: what every authenticated request checks. */
@Entity
@Table(name = "user_status")
class UserStatusEntity {

    @Id
    @Column(name = "user_id")
    private String userId;
    @Column(nullable = false)
    private String email;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private UserRole role;
    @Column(name = "email_confirmed", nullable = false)
    private boolean emailConfirmed;
    @Column(nullable = false)
    private boolean suspended;
    @Column(name = "suspension_reason")
    private String suspensionReason;
    @Column(name = "session_version", nullable = false)
    private long sessionVersion;
    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;
    @Column(name = "first_name")
    private String firstName;
    @Column(name = "last_name")
    private String lastName;
    @Column(name = "avatar_key")
    private String avatarKey;

    protected UserStatusEntity() {
    }

    UserStatusEntity(String userId, String email, UserRole role, Instant registeredAt, boolean emailConfirmed) {
        this.userId = userId;
        this.email = email;
        this.role = role;
        this.registeredAt = registeredAt;
        this.emailConfirmed = emailConfirmed;
    }

    void role(UserRole role) {
        this.role = role;
    }

    void confirmed() {
        this.emailConfirmed = true;
    }

    void suspended(String reason) {
        this.suspended = true;
        this.suspensionReason = reason;
    }

    void reinstated() {
        this.suspended = false;
        this.suspensionReason = null;
    }

    void named(String firstName, String lastName) {
        this.firstName = firstName;
        this.lastName = lastName;
    }

    void avatar(String blobKey) {
        this.avatarKey = blobKey;
    }

    void passwordChanged() {
        this.sessionVersion++;
    }

    UserStatus toStatus() {
        return new UserStatus(userId, email, role, emailConfirmed, suspended, suspensionReason, sessionVersion,
                registeredAt, firstName == null ? "" : firstName, lastName == null ? "" : lastName, avatarKey);
    }
}
