package dev.mailsift.web.platform.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.modelling.saga.SagaEventHandler;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The event store as the streaming processors read it: each processor's stream stops handing it the payload types it
 * has said it cannot handle. Axon's processors already say so (they call {@code skipMessagesWithPayloadTypeOf} when no
 * handler of theirs takes an event's type), but only Axon Server acts on it; on the JDBC store every processor
 * would otherwise offer each of a job's row events to each of its segments and find no taker, which cost a fifth of
 * the pipeline's CPU (docs/decisions/0037).
 *
 * <p>A saga's processor never says so (Axon's saga manager claims every type), so a saga's source is given the types
 * its handlers take up front.
 *
 * <p>Skipping loses nothing: the token of the next event a processor does handle covers the skipped ones, and a
 * processor that stops before it reaches one reads them again, and skips them again, when it restarts.
 */
final class HandledTypesEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> eventStore;
    private final EventArrivals arrivals;
    private final Predicate<Class<?>> mayBeHandled;

    /** Skips what the processor says it cannot handle. */
    HandledTypesEventSource(StreamableMessageSource<TrackedEventMessage<?>> eventStore, EventArrivals arrivals) {
        this(eventStore, arrivals, type -> true);
    }

    /** Also skips, from the start, every payload type that {@code mayBeHandled} refuses. */
    HandledTypesEventSource(StreamableMessageSource<TrackedEventMessage<?>> eventStore, EventArrivals arrivals,
                            Predicate<Class<?>> mayBeHandled) {
        this.eventStore = eventStore;
        this.arrivals = arrivals;
        this.mayBeHandled = mayBeHandled;
    }

    /** The payload types the {@code @SagaEventHandler} methods of {@code sagaType} take (and their subtypes). */
    static Predicate<Class<?>> handledBySaga(Class<?> sagaType) {
        List<Class<?>> handled = Arrays.stream(sagaType.getDeclaredMethods())
                                       .filter(method -> method.isAnnotationPresent(SagaEventHandler.class))
                                       .map(method -> method.getParameterTypes()[0])
                                       .distinct()
                                       .toList();
        if (handled.stream().anyMatch(Message.class::isAssignableFrom)) {
            return type -> true; // a handler that takes the message itself may take any payload
        }
        return type -> handled.stream().anyMatch(handledType -> handledType.isAssignableFrom(type));
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new SkippingStream(eventStore.openStream(trackingToken), arrivals, mayBeHandled);
    }

    @Override
    public TrackingToken createTailToken() {
        return eventStore.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return eventStore.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return eventStore.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return eventStore.createTokenSince(duration);
    }

    /**
     * One processor's stream; the payload types it skips are its own. Of a run of skipped events, the last is handed
     * out after all when nothing follows it yet: the processor then moves its token to the head (its position and lag
     * stay true while it waits) at the cost of one event per pause, not one per event.
     * <p>
     * It calls its processor back when {@link EventArrivals} says to look (a pooled processor otherwise looks every
     * 500 ms). After a commit on this node, a look that finds nothing waits up to {@link #COMMITTED_EVENTS_WAIT} for
     * the event store to read what was committed, instead of sleeping until the next call.
     */
    static final class SkippingStream implements BlockingStream<TrackedEventMessage<?>>, EventArrivals.Listener {

        static final Duration COMMITTED_EVENTS_WAIT = Duration.ofMillis(200);

        private final BlockingStream<TrackedEventMessage<?>> events;
        private final EventArrivals arrivals;
        private final Predicate<Class<?>> mayBeHandled;
        /** Events were committed on this node since the processor last looked. */
        private final AtomicBoolean committedSinceLastLook = new AtomicBoolean();
        private volatile Runnable onAvailable;
        /** Whether each payload type seen is skipped; read and written by the processor's coordinating thread. */
        private final Map<Class<?>, Boolean> skippedTypes = new ConcurrentHashMap<>();
        /** The last event skipped since one was handed out: handed out itself if the stream pauses after it. */
        private TrackedEventMessage<?> lastSkipped;

        SkippingStream(BlockingStream<TrackedEventMessage<?>> events, EventArrivals arrivals,
                       Predicate<Class<?>> mayBeHandled) {
            this.events = events;
            this.arrivals = arrivals;
            this.mayBeHandled = mayBeHandled;
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            skippedTypes.put(ignoredMessage.getPayloadType(), true);
            events.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (nextHandledAvailableNow()) {
                return events.peek();
            }
            return Optional.ofNullable(lastSkipped);
        }

        /**
         * Within {@code timeout}; a look that would find nothing after a commit on this node waits up to
         * {@link #COMMITTED_EVENTS_WAIT} more, once, for the event store to read what was committed.
         */
        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                if (nextHandledAvailableNow() || lastSkipped != null) {
                    return true;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    if (!committedSinceLastLook.getAndSet(false)) {
                        return false;
                    }
                    deadline = System.nanoTime() + COMMITTED_EVENTS_WAIT.toNanos();
                    continue;
                }
                events.hasNextAvailable((int) Math.min(Integer.MAX_VALUE, remaining), TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (true) {
                if (nextHandledAvailableNow()) {
                    lastSkipped = null; // the next event's token covers it
                    return events.nextAvailable();
                }
                if (lastSkipped != null) {
                    TrackedEventMessage<?> tail = lastSkipped;
                    lastSkipped = null;
                    return tail;
                }
                TrackedEventMessage<?> next = events.nextAvailable(); // waits for the next event
                if (!skipped(next)) {
                    return next;
                }
                lastSkipped = next;
            }
        }

        /**
         * Calls {@code callback} when {@link EventArrivals} says to look (and when the event store's own stream does,
         * if it can); the processor then relies on it.
         */
        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            onAvailable = callback;
            events.setOnAvailableCallback(callback);
            arrivals.add(this);
            return true;
        }

        @Override
        public void eventsCommitted() {
            committedSinceLastLook.set(true);
            lookAgain();
        }

        @Override
        public void lookAgain() {
            Runnable callback = onAvailable;
            if (callback != null) {
                callback.run();
            }
        }

        @Override
        public void close() {
            arrivals.remove(this);
            events.close();
        }

        /** Consumes the skipped events available now; true when one to hand out is at the head. */
        private boolean nextHandledAvailableNow() {
            while (events.hasNextAvailable()) {
                Optional<TrackedEventMessage<?>> head = events.peek();
                if (head.isEmpty() || !skipped(head.get())) {
                    return head.isPresent();
                }
                try {
                    lastSkipped = events.nextAvailable(); // available, so this does not block
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }

        private boolean skipped(TrackedEventMessage<?> event) {
            return skippedTypes.computeIfAbsent(event.getPayloadType(), type -> !mayBeHandled.test(type));
        }
    }
}
