package dev.mailsift.web.platform.security;

import dev.mailsift.api.user.UserRole;

/**
 * The principal of an authenticated request.
 *
 * @param apiKeyId the API key that authenticated the request, or null for a signed-in user's access token
 */
public record AuthenticatedUser(String userId, UserRole role, String apiKeyId) {

    public AuthenticatedUser(String userId, UserRole role) {
        this(userId, role, null);
    }

    /** Who the audit trail names: {@code api_key:<id>} when a key authenticated, else {@code user:<id>}. */
    public String actor() {
        return apiKeyId == null ? "user:" + userId : "api_key:" + apiKeyId;
    }
}
