package dev.mailsift.query.accounts.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The last 30-second two-factor step a user's code was accepted for, in {@code user_totp_step}: written by the edge so
 * that a code works once, not derived from events, so it lives beside {@code user_totp} and survives its rebuild.
 */
@Entity
@Table(name = "user_totp_step")
class TotpStepEntity {

    @Id
    @Column(name = "user_id")
    private String userId;
    @Column(name = "last_step", nullable = false)
    private long lastStep;

    protected TotpStepEntity() {
    }

    TotpStepEntity(String userId, long lastStep) {
        this.userId = userId;
        this.lastStep = lastStep;
    }
}
