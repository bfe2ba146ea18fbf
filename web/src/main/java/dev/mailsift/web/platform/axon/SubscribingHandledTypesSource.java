package dev.mailsift.web.platform.axon;

import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.messaging.SubscribableMessageSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The event store as the subscribing processors see it ({@code axon.eventhandling.processors.*.source}): the events
 * they are handed leave out the payload types that none of them has a handler for.
 * <p>
 * A subscribing processor asks its handlers whether they can take each event, in the appending unit of work. For a
 * chunk of a job that is 501 events, and the answer is always "no" for its 500 {@code RowValidated} events: an
 * eighth of a chunk worker's CPU went on asking (docs/decisions/0037). The answer for a payload type is now computed
 * once. An event of a type some processor handles still reaches all of them, and each decides as before.
 * <p>
 * What the remembered answers assume, true of ours: the subscribing processors are all built before the first event
 * is published (Axon builds them together) and never change; their handlers take plain event messages (no narrower
 * {@code messageType}); no interceptor changes an event's payload type. A type none of them handles also no longer
 * passes their interceptors (the read-model gate), which only guard writes to the models.
 */
final class SubscribingHandledTypesSource implements SubscribableMessageSource<EventMessage<?>> {

    private final SubscribableMessageSource<EventMessage<?>> events;
    private final Supplier<List<SubscribingEventProcessor>> subscribingProcessors;
    private final Map<Class<?>, Boolean> handledTypes = new ConcurrentHashMap<>();

    /**
     * @param subscribingProcessors every subscribing processor of this node, asked for when an event is published
     *                              (the processors are built after their source); those reading from another source
     *                              (a dormant one, on a node without the projections role) do not count
     */
    SubscribingHandledTypesSource(SubscribableMessageSource<EventMessage<?>> events,
                                  Supplier<List<SubscribingEventProcessor>> subscribingProcessors) {
        this.events = events;
        this.subscribingProcessors = subscribingProcessors;
    }

    @Override
    public Registration subscribe(Consumer<List<? extends EventMessage<?>>> processor) {
        return events.subscribe(published -> {
            List<? extends EventMessage<?>> handled = published.stream().filter(this::mayBeHandled).toList();
            if (!handled.isEmpty()) {
                processor.accept(handled);
            }
        });
    }

    private boolean mayBeHandled(EventMessage<?> event) {
        Boolean known = handledTypes.get(event.getPayloadType());
        if (known != null) {
            return known;
        }
        List<SubscribingEventProcessor> readers =
                subscribingProcessors.get().stream().filter(processor -> processor.getMessageSource() == this).toList();
        if (readers.isEmpty()) {
            return true; // not built yet: nothing to remember
        }
        boolean handled = readers.stream().anyMatch(processor -> processor.eventHandlerInvoker()
                                                                          .canHandleType(event.getPayloadType()));
        handledTypes.put(event.getPayloadType(), handled);
        return handled;
    }
}
