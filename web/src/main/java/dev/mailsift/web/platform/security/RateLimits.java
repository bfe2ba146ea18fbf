package dev.mailsift.web.platform.security;

import org.springframework.stereotype.Component;

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
     * Sign-in and code attempts against one account address, whoever makes them: caps password guessing and
     * code guessing alike.
     *
     * @throws RateLimitedException when over budget
     */
    public void perAccount(String email) {
        String key = "account:" + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
        limiter.tryConsume(key, properties.rateLimits().signInPerAccount()).ifPresent(wait -> {
            throw new RateLimitedException(wait);
        });
    }
}
