package dev.mailsift.web.platform.fairness;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings under {@code mailsift.fairness}: how much of the node one account's burst may occupy.
 *
 * @param requestsInFlightPerPrincipal API requests one user or API key may have running at once on this node;
 *                                     more answer 429 {@code concurrency-limited} at once
 * @param aggregateWait                how long a command waits for its turn on a busy aggregate (an account, a
 *                                     job) before it answers 503 {@code resource-busy}; it waits holding no
 *                                     database connection
 */
@ConfigurationProperties("mailsift.fairness")
public record FairnessProperties(int requestsInFlightPerPrincipal, Duration aggregateWait) {

    public FairnessProperties {
        requestsInFlightPerPrincipal = requestsInFlightPerPrincipal == 0 ? 16 : requestsInFlightPerPrincipal;
        aggregateWait = aggregateWait == null ? Duration.ofSeconds(5) : aggregateWait;
        if (requestsInFlightPerPrincipal < 1) {
            throw new IllegalArgumentException("mailsift.fairness.requests-in-flight-per-principal must be >= 1");
        }
        if (aggregateWait.isNegative()) {
            throw new IllegalArgumentException("mailsift.fairness.aggregate-wait must not be negative");
        }
    }
}
