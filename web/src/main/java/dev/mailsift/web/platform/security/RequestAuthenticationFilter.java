package dev.mailsift.web.platform.security;

import dev.mailsift.api.user.ApiKeyCredentials;
import dev.mailsift.api.user.FindApiKeyBySecretHash;
import dev.mailsift.api.user.FindUserStatus;
import dev.mailsift.api.user.UserStatus;
import dev.mailsift.query.accounts.apikeys.ApiKeyProjection;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates a request that carries {@code Authorization: Bearer <jwt>}, {@code Authorization: Bearer ms_live_…}
 * or {@code X-API-Key: ms_live_…}, then checks the account's standing in the consistent {@code user_status} read
 * model: a suspended account answers 403 on every request, and an access token minted before the last password
 * change answers 401. A credential that is presented but not valid answers 401 at once rather than falling through
 * as anonymous. Once the credential names its principal, the per-principal cap on requests running at once
 * ({@link RequestsInFlight}) is applied: beyond it answers 429 {@code concurrency-limited} before any read of the
 * account. A streamed response (progress) counts only until it has started; it holds no request thread after that.
 */
class RequestAuthenticationFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final AccessTokens tokens;
    private final QueryGateway queries;
    private final ApiKeyProjection apiKeys;
    private final ProblemResponses problems;
    private final Clock clock;
    private final RequestsInFlight inFlight;

    RequestAuthenticationFilter(AccessTokens tokens, QueryGateway queries, ApiKeyProjection apiKeys,
                                ProblemResponses problems, Clock clock, RequestsInFlight inFlight) {
        this.tokens = tokens;
        this.inFlight = inFlight;
        this.queries = queries;
        this.apiKeys = apiKeys;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String credential = presentedCredential(request);
        if (credential == null) {
            chain.doFilter(request, response);
            return;
        }
        SecurityContextHolder.clearContext();
        AuthenticatedUser user;
        long sessionVersion;
        if (ApiKeySecrets.looksLikeKey(credential)) {
            Optional<ApiKeyCredentials> key = activeKey(credential);
            if (key.isEmpty()) {
                problems.unauthorized(request, response, "The API key is invalid, revoked or expired.");
                return;
            }
            user = new AuthenticatedUser(key.get().userId(), null, key.get().keyId());
            sessionVersion = -1;
        } else {
            var verified = tokens.verifyClaims(credential);
            if (verified.isEmpty()) {
                problems.unauthorized(request, response, "The access token is invalid or has expired.");
                return;
            }
            user = verified.get().user();
            sessionVersion = verified.get().sessionVersion();
        }
        Optional<RequestsInFlight.Slot> slot = inFlight.tryEnter(user.actor());
        if (slot.isEmpty()) {
            problems.tooManyAtOnce(request, response, inFlight.limit());
            return;
        }
        try (RequestsInFlight.Slot running = slot.get()) {
            authenticateAndContinue(request, response, chain, user, sessionVersion);
        }
    }

    private void authenticateAndContinue(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                                         AuthenticatedUser user, long sessionVersion)
            throws ServletException, IOException {
        UserStatus status = queries.query(new FindUserStatus(user.userId()),
                ResponseTypes.optionalInstanceOf(UserStatus.class)).join().orElse(null);
        if (status == null) {
            problems.unauthorized(request, response, "The account no longer exists.");
            return;
        }
        if (sessionVersion >= 0 && sessionVersion < status.sessionVersion()) {
            problems.unauthorized(request, response, "The session ended: the password was changed. Sign in again.");
            return;
        }
        if (status.suspended()) {
            problems.suspended(request, response);
            return;
        }
        // The role comes from the read model, not the token: a demotion takes effect at once.
        AuthenticatedUser principal = new AuthenticatedUser(status.userId(), status.role(), user.apiKeyId());
        if (principal.apiKeyId() != null) {
            apiKeys.recordUse(principal.apiKeyId(), clock.instant());
        }
        var authentication = new UsernamePasswordAuthenticationToken(principal, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + status.role().name())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }

    private Optional<ApiKeyCredentials> activeKey(String secret) {
        Instant now = clock.instant();
        return queries.query(new FindApiKeyBySecretHash(ApiKeySecrets.hash(secret)),
                        ResponseTypes.optionalInstanceOf(ApiKeyCredentials.class)).join()
                      .filter(key -> key.revokedAt() == null)
                      .filter(key -> key.expiresAt() == null || key.expiresAt().isAfter(now));
    }

    /** The bearer value or API key the request presents, or null when it presents none. */
    private static String presentedCredential(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return header.substring(BEARER.length()).strip();
        }
        String apiKey = request.getHeader(API_KEY_HEADER);
        return apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }
}
