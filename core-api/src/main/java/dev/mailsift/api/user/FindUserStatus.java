package dev.mailsift.api.user;

/** Whether an account may act right now; answered with {@link UserStatus}, or none if unknown. */
public record FindUserStatus(String userId) {
}
