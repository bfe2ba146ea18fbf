package dev.mailsift.api.user;

/**
 * What a user may do: {@code ADMIN} adds the operator endpoints under {@code /api/v1/admin}; {@code AUDITOR} may
 * only read the history under {@code /api/v1/audit} (granted and revoked by operators: {@link ChangeRole}).
 */
public enum UserRole {
    USER,
    ADMIN,
    AUDITOR
}
