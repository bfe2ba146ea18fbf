package dev.mailsift.web.platform.security;

import dev.mailsift.web.platform.fairness.FairnessProperties;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the API requests each user or API key has running on this node and admits at most
 * {@code mailsift.fairness.requests-in-flight-per-principal} at once, so that one principal's burst cannot take the
 * request threads and database connections every other account needs. Asked by {@link RequestAuthenticationFilter}
 * as soon as the credential names its principal, before the account's standing is read: a request turned away has
 * cost no database work.
 */
class RequestsInFlight {

    private final int limit;
    /** Requests running per principal; an entry exists only while one does. */
    private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

    RequestsInFlight(FairnessProperties properties) {
        this.limit = properties.requestsInFlightPerPrincipal();
    }

    int limit() {
        return limit;
    }

    /** A slot for one more request of {@code principal}, or empty when it has {@link #limit()} running. */
    Optional<Slot> tryEnter(String principal) {
        boolean[] admitted = new boolean[1];
        running.compute(principal, (key, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < limit;
            return admitted[0] ? now + 1 : (now == 0 ? null : now);
        });
        if (!admitted[0]) {
            return Optional.empty();
        }
        return Optional.of(() -> running.computeIfPresent(principal, (key, count) -> count <= 1 ? null : count - 1));
    }

    /** A running request; closed exactly once, when its handling ends. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
