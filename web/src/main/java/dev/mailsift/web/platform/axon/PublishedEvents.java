package dev.mailsift.web.platform.axon;

import dev.mailsift.api.job.RowValidated;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.SubscribableMessageSource;

import java.util.List;
import java.util.function.Consumer;

/**
 * The events that leave the service on the broker's events exchange: every event but the per-row verdicts.
 * {@code RowValidated} is nine in ten of all events (one per address) and no outside consumer wants a message per
 * row; the chunk and job events carry the counts, the results file and the API the rows (docs/decisions/0022).
 */
final class PublishedEvents implements SubscribableMessageSource<EventMessage<?>> {

    private final SubscribableMessageSource<EventMessage<?>> events;

    PublishedEvents(SubscribableMessageSource<EventMessage<?>> events) {
        this.events = events;
    }

    static boolean published(EventMessage<?> event) {
        return !RowValidated.class.equals(event.getPayloadType());
    }

    @Override
    public Registration subscribe(Consumer<List<? extends EventMessage<?>>> consumer) {
        return events.subscribe(batch -> {
            List<? extends EventMessage<?>> kept = batch.stream().filter(PublishedEvents::published).toList();
            if (!kept.isEmpty()) {
                consumer.accept(kept);
            }
        });
    }
}
