package dev.mailsift.web.platform.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets (bucket4j). On PostgreSQL every node shares the buckets in {@code rate_limit_bucket} (row locks,
 * {@code SELECT … FOR UPDATE}); on the embedded default (one node) they live in memory (docs/decisions/0013).
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final int MAX_LOCAL_BUCKETS = 100_000;
    private static final int CLEAN_EVERY = 1_000;

    private final boolean enabled;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> shared;
    private final Map<String, Bucket> local = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    RateLimiter(SecurityProperties properties, DataSource dataSource,
                @Value("${spring.datasource.url:}") String databaseUrl) {
        this.enabled = properties.rateLimits().enabled();
        if (databaseUrl.startsWith("jdbc:postgresql:")) {
            this.shared = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                                            .primaryKeyMapper(PrimaryKeyMapper.STRING)
                                            .table("rate_limit_bucket")
                                            .expirationAfterWrite(ExpirationAfterWriteStrategy
                                                    .basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                                            .build();
            log.info("Rate limits are shared across nodes in PostgreSQL (rate_limit_bucket).");
        } else {
            this.shared = null;
        }
    }

    /**
     * Takes one token from the bucket {@code key}.
     *
     * @return empty when allowed, else how long until a token is available
     */
    public Optional<Duration> tryConsume(String key, SecurityProperties.Limit limit) {
        return consume(key, limit).flatMap(Budget::retryAfter);
    }

    /**
     * What a request's budget looks like after taking one token from the bucket {@code key}: for the
     * {@code RateLimit-*} response headers, and {@code retryAfter} when refused.
     *
     * @return empty when rate limits are off
     */
    Optional<Budget> consume(String key, SecurityProperties.Limit limit) {
        if (!enabled) {
            return Optional.empty();
        }
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(),
                        limit.period()))
                .build();
        ConsumptionProbe probe = bucket(key, configuration).tryConsumeAndReturnRemaining(1);
        housekeeping();
        // tokens come back evenly over the period, so the bucket is full again after the missing share of it
        long missing = limit.capacity() - probe.getRemainingTokens();
        Duration untilFull = Duration.ofNanos(limit.period().toNanos() / limit.capacity() * missing);
        return Optional.of(new Budget(limit.capacity(), probe.getRemainingTokens(), untilFull,
                probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()))));
    }

    /**
     * A bucket after a request: its size, what is left, how long until it is full again, and, when the request was
     * refused, how long until the next token.
     */
    record Budget(long limit, long remaining, Duration untilFull, Optional<Duration> retryAfter) {

        /** Whole seconds, rounded up: a client that waits this long finds what the header promised. */
        long resetSeconds() {
            return (untilFull.toMillis() + 999) / 1000;
        }
    }

    private Bucket bucket(String key, BucketConfiguration configuration) {
        if (shared != null) {
            ProxyManager<String> proxies = shared;
            return proxies.builder().build(key, () -> configuration);
        }
        if (local.size() > MAX_LOCAL_BUCKETS) {
            local.clear();
        }
        return local.computeIfAbsent(key, ignored -> Bucket.builder()
                .addLimit(configuration.getBandwidths()[0]).build());
    }

    private void housekeeping() {
        if (shared != null && calls.incrementAndGet() % CLEAN_EVERY == 0) {
            try {
                shared.removeExpired(CLEAN_EVERY);
            } catch (RuntimeException e) {
                log.debug("Could not remove expired rate-limit buckets: {}", e.getMessage());
            }
        }
    }
}
