package dev.mailsift.engine.smtp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps concurrent SMTP connections per MX host (keyed by IP address and port) and records the highest number
 * ever open at once on any one host, so benchmarks and tests can prove the cap holds.
 */
public final class HostLimiter {

    private final int perHost;
    private final ConcurrentHashMap<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicInteger maxSeen = new AtomicInteger();

    public HostLimiter(int perHost) {
        if (perHost < 1) {
            throw new IllegalArgumentException("per-host connection cap must be at least 1");
        }
        this.perHost = perHost;
    }

    public int perHost() {
        return perHost;
    }

    /** Blocks until a slot for {@code host} is free. Pair with {@link #release(String)}. */
    public void acquire(String host) throws InterruptedException {
        permits.computeIfAbsent(host, h -> new Semaphore(perHost, true)).acquire();
        int now = open.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        maxSeen.accumulateAndGet(now, Math::max);
    }

    /**
     * A slot for {@code host} if one is free and nobody is waiting for it (a fair semaphore's {@code tryAcquire()}
     * would barge ahead of waiters): extra sessions for one domain take only what other domains do not want.
     */
    public boolean tryAcquire(String host) {
        try {
            if (!permits.computeIfAbsent(host, h -> new Semaphore(perHost, true)).tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
        int now = open.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        maxSeen.accumulateAndGet(now, Math::max);
        return true;
    }

    public void release(String host) {
        open.get(host).decrementAndGet();
        permits.get(host).release();
    }

    /** Highest number of connections that were open at the same time to one host. */
    public int maxConcurrentSeen() {
        return maxSeen.get();
    }
}
