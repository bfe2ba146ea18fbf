package dev.mailsift.web.platform.fairness;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One turn at a time per aggregate id, in arrival order, with a bounded wait. Reentrant, like Axon's own aggregate
 * lock, so a command dispatched while handling one on the same aggregate passes. An id's entry lives only while
 * someone holds or waits for it.
 */
final class AggregateGate {

    private final Duration maxWait;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    AggregateGate(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /**
     * Waits for the aggregate's turn; close the returned turn on this thread when done.
     *
     * @throws AggregateBusyException when the turn did not come within the configured wait
     */
    Turn enter(String aggregateId) {
        Entry entry = entries.compute(aggregateId, (id, existing) -> {
            Entry e = existing == null ? new Entry() : existing;
            e.users++;
            return e;
        });
        boolean entered;
        try {
            entered = entry.lock.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            entered = false;
        }
        if (!entered) {
            leave(aggregateId);
            throw new AggregateBusyException(aggregateId, maxWait);
        }
        return () -> {
            entry.lock.unlock();
            leave(aggregateId);
        };
    }

    /** Ids someone holds or waits for right now (for tests). */
    int busyAggregates() {
        return entries.size();
    }

    private void leave(String aggregateId) {
        entries.computeIfPresent(aggregateId, (id, e) -> --e.users == 0 ? null : e);
    }

    /** A held turn. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Entry {
        /** Fair: commands on one account are decided in the order they arrived. */
        final ReentrantLock lock = new ReentrantLock(true);
        /** Holders and waiters; changed only inside the map's compute functions. */
        int users;
    }
}
