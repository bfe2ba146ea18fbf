package dev.mailsift.web.platform.axon;

import dev.mailsift.web.platform.scheduling.PeriodicTask;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.SubscribableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Tells the streaming processors' event streams when to look for new events: as soon as this node commits some (and
 * once more shortly after, should the event store not have read them by then), and every {@code pollInterval} for
 * those other nodes commit.
 * <p>
 * Axon's pooled processor looks again only 500 ms after it found nothing, unless its stream can call it back: the
 * embedded event store's streams cannot, so a chunk's progress waited up to half a second in every pooled processor
 * (the {@code jobs} read model behind the progress bar among them) on an otherwise idle node. A stream that can call
 * back is looked at again only when it does, or when the processor extends its claims (seconds), so the
 * interval keeps the old bound for events appended elsewhere (docs/decisions/0048).
 */
final class EventArrivals implements AutoCloseable {

    /** The second look after a commit: the first may come before the event store has read what was committed. */
    static final Duration SECOND_LOOK = Duration.ofMillis(200);

    private static final Logger log = LoggerFactory.getLogger(EventArrivals.class);

    /** A stream to call back. */
    interface Listener {

        /** Events were committed on this node: they are about to be readable. */
        void eventsCommitted();

        /** Time to look: events may have been committed elsewhere. */
        void lookAgain();
    }

    /** Marks a unit of work whose commit this instance will announce. */
    private final String announcedKey = EventArrivals.class.getName() + "@" + UUID.randomUUID();
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final Registration subscription;
    private final Duration pollInterval;
    /** Set while a look is due that will come after the last commit seen. */
    private final AtomicBoolean lookDue = new AtomicBoolean();
    /** Started with the first listener: a node whose processors are dormant never has its thread. */
    private final PeriodicTask looks = new PeriodicTask("event-arrivals", this::lookAgain);
    /** After {@link #close}, a stream opened late (a processor still starting) is not called back: no thread again. */
    private boolean closed;

    EventArrivals(SubscribableMessageSource<EventMessage<?>> events, Duration pollInterval) {
        this.pollInterval = pollInterval;
        // called while the appending unit of work prepares its commit: the events are readable only after it
        subscription = events.subscribe(published -> afterCommit(this::committed));
    }

    /** Until {@link #remove}. */
    void add(Listener listener) {
        listeners.add(listener);
        startLooks();
    }

    void remove(Listener listener) {
        listeners.remove(listener);
    }

    @Override
    public synchronized void close() {
        closed = true;
        subscription.cancel();
        looks.stop(Duration.ofSeconds(1));
        listeners.clear();
    }

    private synchronized void startLooks() {
        if (closed) {
            listeners.clear();
            return;
        }
        looks.start(pollInterval);
    }

    private void committed() {
        tell(Listener::eventsCommitted);
        if (lookDue.compareAndSet(false, true) && !looks.runAfter(SECOND_LOOK)) {
            lookDue.set(false); // no thread (none yet, or closed): nothing is due
        }
    }

    /** Every interval, and {@link #SECOND_LOOK} after a commit. */
    private void lookAgain() {
        lookDue.set(false);
        tell(Listener::lookAgain);
    }

    /** Each listener in turn: one that fails (a processor shutting down) keeps no other from its call. */
    private void tell(Consumer<Listener> call) {
        for (Listener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.debug("an event stream could not be called back: {}", e.toString());
            }
        }
    }

    /** Once per appending unit of work, after its commit (never after a rollback); at once without one. */
    private void afterCommit(Runnable action) {
        if (!CurrentUnitOfWork.isStarted()) {
            action.run();
            return;
        }
        UnitOfWork<?> appending = CurrentUnitOfWork.get().root();
        appending.getOrComputeResource(announcedKey, key -> {
            appending.afterCommit(unitOfWork -> action.run());
            return Boolean.TRUE;
        });
    }
}
