package dev.mailsift.web.platform.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Locale;

/** The budgets the controllers apply, by what they are keyed on. */
@Component
public class RateLimits {

    private final RateLimiter limiter;
    private final SecurityProperties properties;

    RateLimits(RateLimiter limiter, SecurityProperties properties) {
        this.limiter = limiter;
        this.properties = properties;
    }

    /**
     * A password sign-in against one account, from one client address: slows the guesser, not the owner, who signs
     * in from elsewhere (a device the account knows is not limited at all: the caller skips this). Past the
     * per-address budget, or past the account's higher ceiling over every address (distributed guessing),
     * {@link RateLimitedException}.
     */
    public void signInAttempt(String email, String clientAddress) {
        consume("sign-in", email, clientAddress);
    }

    /**
     * A guess at a mailed code (confirmation, password reset) for one account, whoever makes it: a budget apart from
     * sign-in, so that nobody keeps an owner from signing in by spending it. Codes are short; this keeps guessing
     * them hopeless.
     */
    public void codeAttempt(String email) {
        consume("code:" + ApiKeySecrets.hash(normal(email)), properties.rateLimits().signInPerAccount());
    }

    /** A request to mail a code to one account's address (reset, confirmation): apart from sign-in and guessing. */
    public void codeRequest(String email) {
        consume("code-request:" + ApiKeySecrets.hash(normal(email)), properties.rateLimits().signInPerAccount());
    }

    private void consume(String kind, String email, String clientAddress) {
        String account = normal(email);
        // hashed: an address is up to 254 characters, a bucket's key at most 255
        consume(kind + ":" + ApiKeySecrets.hash(account + "\n" + clientAddress),
                properties.rateLimits().signInPerAccount());
        consume(kind + "-all:" + ApiKeySecrets.hash(account), properties.rateLimits().signInPerAccountCeiling());
    }

    private void consume(String key, SecurityProperties.Limit limit) {
        limiter.consume(key, limit).ifPresent(budget -> budget.retryAfter().ifPresent(wait -> {
            describeRefusal(budget);
            throw new RateLimitedException(wait);
        }));
    }

    /**
     * The refused answer's {@code RateLimit-*} fields describe the budget that refused it, not the per-address one
     * {@link RateLimitFilter} wrote before the handler ran (replaced, not added to).
     */
    private static void describeRefusal(RateLimiter.Budget budget) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            HttpServletResponse response = attributes.getResponse();
            response.setHeader("RateLimit-Limit", Long.toString(budget.limit()));
            response.setHeader("RateLimit-Remaining", Long.toString(budget.remaining()));
            response.setHeader("RateLimit-Reset", Long.toString(budget.resetSeconds()));
        }
    }

    private static String normal(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
