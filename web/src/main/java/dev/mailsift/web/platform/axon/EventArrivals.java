package dev.mailsift.web.platform.axon;

import dev.mailsift.web.platform.scheduling.PeriodicTask;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.SubscribableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the streaming processors' event streams when to look for new events: as soon as this node commits some, and
 * every {@code pollInterval} for those other nodes commit.
 * <p>
 * Axon's pooled processor looks again only 500 ms after it found nothing, unless its stream can call it back: the
 * embedded event store's streams cannot, so a chunk's progress waited up to half a second in every pooled processor
 * (the {@code jobs} read model behind the progress bar among them) on an otherwise idle node. A stream that can call
 * back is looked at again only when it does, or when the processor extends its claims (seconds), so the
 * interval keeps the old bound for events appended elsewhere (docs/decisions/0048).
 */
final class EventArrivals implements AutoCloseable {

    /** A stream to call back. */
    interface Listener {

        /** Events were committed on this node: they are about to be readable. */
        void eventsCommitted();

        /** Time to look: events may have been committed elsewhere. */
        void lookAgain();
    }

    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final Registration subscription;
    private final PeriodicTask poll;

    EventArrivals(SubscribableMessageSource<EventMessage<?>> events, Duration pollInterval) {
        // called while the appending unit of work prepares its commit: the events are readable only after it
        subscription = events.subscribe(published -> afterCommit(this::committed));
        poll = new PeriodicTask("event-arrivals", () -> listeners.forEach(Listener::lookAgain));
        poll.start(pollInterval);
    }

    /** Until {@link #remove}. */
    void add(Listener listener) {
        listeners.add(listener);
    }

    void remove(Listener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        subscription.cancel();
        poll.stop(Duration.ofSeconds(1));
        listeners.clear();
    }

    private void committed() {
        listeners.forEach(Listener::eventsCommitted);
    }

    private static void afterCommit(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }
}
