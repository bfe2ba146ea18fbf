package dev.mailsift.web.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs after authentication: anonymous auth endpoints (sign-up, sign-in, codes, refresh) are budgeted per client
 * address, authenticated API requests per user or API key. Over budget answers 429 with {@code Retry-After}.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final SecurityProperties.RateLimits limits;
    private final ProblemResponses problems;

    RateLimitFilter(RateLimiter limiter, SecurityProperties properties, ProblemResponses problems) {
        this.limiter = limiter;
        this.limits = properties.rateLimits();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<RateLimiter.Budget> budget = Optional.empty();
        String path = request.getRequestURI();
        if ("POST".equals(request.getMethod())
                && (path.startsWith("/api/v1/auth/") || path.equals("/api/v1/users"))) {
            budget = limiter.consume("address:" + request.getRemoteAddr(), limits.authPerAddress());
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (budget.flatMap(RateLimiter.Budget::retryAfter).isEmpty() && authentication != null
                && authentication.getPrincipal() instanceof AuthenticatedUser user) {
            budget = limiter.consume(user.actor(), limits.apiPerPrincipal());
        }
        budget.ifPresent(spent -> {
            // the IETF httpapi RateLimit header fields, in their widely implemented three-field form
            response.setHeader("RateLimit-Limit", Long.toString(spent.limit()));
            response.setHeader("RateLimit-Remaining", Long.toString(spent.remaining()));
            response.setHeader("RateLimit-Reset", Long.toString(spent.resetSeconds()));
        });
        Optional<Duration> wait = budget.flatMap(RateLimiter.Budget::retryAfter);
        if (wait.isPresent()) {
            problems.tooManyRequests(request, response, new RateLimitedException(wait.get()).retryAfterSeconds());
            return;
        }
        chain.doFilter(request, response);
    }
}
