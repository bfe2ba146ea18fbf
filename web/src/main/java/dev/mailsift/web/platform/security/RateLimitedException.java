package dev.mailsift.web.platform.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.platform.problem.ProblemException;
import java.time.Duration;

/** A request over its budget; answers 429 with {@code Retry-After}. */
public class RateLimitedException extends ProblemException {

    private final long retryAfterSeconds;

    public RateLimitedException(Duration retryAfter) {
        this(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }

    private RateLimitedException(long retryAfterSeconds) {
        super(ProblemType.RATE_LIMITED, HttpStatus.TOO_MANY_REQUESTS,
                "Too many attempts. Retry after " + retryAfterSeconds + " seconds.");
        this.retryAfterSeconds = retryAfterSeconds;
        answerWithHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
