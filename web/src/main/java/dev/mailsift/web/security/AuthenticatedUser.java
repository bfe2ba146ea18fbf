package dev.mailsift.web.security;

import dev.mailsift.api.user.UserRole;

/** The principal of an authenticated request. */
public record AuthenticatedUser(String userId, UserRole role) {
}
