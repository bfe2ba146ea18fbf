package dev.mailsift.api.user;

/** What a user may do: {@code ADMIN} adds the operator endpoints under {@code /api/v1/admin}. */
public enum UserRole {
    USER,
    ADMIN
}
