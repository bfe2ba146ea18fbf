package dev.mailsift.web.platform.node;

import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.SubscribableMessageSource;

import java.util.List;
import java.util.function.Consumer;

/**
 * The event source of the streaming processors on a node without the {@code projections} role: it accepts
 * subscribers and never calls them. Their handlers stay registered (the read models' query handlers live in the
 * same classes), but no event reaches them here; the nodes with the role process the stream.
 */
final class DormantEventSource implements SubscribableMessageSource<EventMessage<?>> {

    static final String BEAN_NAME = "dormantEventSource";

    @Override
    public Registration subscribe(Consumer<List<? extends EventMessage<?>>> messageProcessor) {
        return () -> true;
    }
}
