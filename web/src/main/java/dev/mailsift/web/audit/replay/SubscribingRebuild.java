package dev.mailsift.web.audit.replay;

import dev.mailsift.web.audit.replay.ReadModelProcessors.SubscribingReadModel;
import jakarta.persistence.EntityManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.PreparedStatement;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Rebuilds a subscribing processor's read model from the whole event store, in one transaction that nobody else
 * writes the model in meanwhile: the {@link ReadModelGate} holds back the processor's handlers on every node (and
 * waits for the transactions in flight to end). Reads go on and see the old rows until the rebuild commits. An event
 * appended meanwhile is handled after the rebuild by its own transaction, so none is lost or handled twice. Only the
 * model's projections are invoked. Only the rows of the payload types they handle are read, while the model's
 * writers wait.
 */
@Component
class SubscribingRebuild {

    /** Entities written between two flushes of the persistence context. */
    private static final int FLUSH_EVERY = 500;
    private static final int FETCH_SIZE = 500;

    private final ApplicationContext beans;
    private final Configuration axon;
    private final EventStorageEngine events;
    private final TransactionTemplate transactions;
    private final EntityManager entityManager;
    private final JdbcTemplate jdbc;
    private final ReadModelGate gate;
    private final Serializer eventSerializer;

    SubscribingRebuild(ApplicationContext beans, Configuration axon, EventStorageEngine events,
                       TransactionTemplate transactions, EntityManager entityManager, JdbcTemplate jdbc,
                       ReadModelGate gate, @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.beans = beans;
        this.axon = axon;
        this.events = events;
        this.transactions = transactions;
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.gate = gate;
        this.eventSerializer = eventSerializer;
    }

    /** @return how many events the model's projections handled */
    long rebuild(SubscribingReadModel model) {
        EventHandlerInvoker projections = projections(model);
        Long handled = transactions.execute(transaction -> {
            jdbc.queryForObject("SELECT 1", Integer.class); // holds its connection before it waits at the gate
            gate.closeForThisTransaction(model.processor());
            projections.performReset();
            entityManager.flush();
            long[] count = {0};
            Consumer<TrackedEventMessage<?>> project = event -> {
                if (projections.canHandle(event, Segment.ROOT_SEGMENT)) {
                    try {
                        projections.handle(event, Segment.ROOT_SEGMENT);
                    } catch (RuntimeException failed) {
                        throw failed;
                    } catch (Exception failed) {
                        throw new IllegalStateException("rebuilding " + model.processor() + " failed", failed);
                    }
                    if (++count[0] % FLUSH_EVERY == 0) {
                        entityManager.flush();
                        entityManager.clear();
                    }
                }
            };
            Optional<Set<String>> storedTypes = storedTypesHandled(model);
            if (storedTypes.isPresent()) {
                readEventsOf(storedTypes.get(), project);
            } else {
                try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(null, false)) {
                    stream.forEach(project);
                }
            }
            return count[0];
        });
        return handled == null ? 0 : handled;
    }

    /**
     * The payload types the model's projections handle, by the names they are stored under, so that only their rows
     * are read (a job's RowValidated events are most of the store); empty when a handler takes a supertype, whose
     * stored names cannot be listed: then every event is read. Upcasters that rename a type would need its old name
     * here; the one upcaster there is keeps the name.
     */
    static Optional<Set<String>> storedTypesHandled(SubscribingReadModel model) {
        Set<String> names = new TreeSet<>();
        for (Class<?> projection : model.projections()) {
            for (Class<?> type = projection; type != null && type != Object.class; type = type.getSuperclass()) {
                for (Method method : type.getDeclaredMethods()) {
                    // as Axon finds them: meta-annotations included
                    EventHandler handler = AnnotatedElementUtils.findMergedAnnotation(method, EventHandler.class);
                    if (handler == null) {
                        continue;
                    }
                    Class<?> payload = handler.payloadType() != Object.class ? handler.payloadType()
                            : method.getParameterCount() > 0 ? method.getParameterTypes()[0] : Object.class;
                    if (payload.isInterface() || Modifier.isAbstract(payload.getModifiers())
                            || payload == Object.class) {
                        return Optional.empty();
                    }
                    names.add(payload.getName());
                }
            }
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(names);
    }

    /** The stored events of these payload types, in global order, upcast and deserialized one row at a time. */
    private void readEventsOf(Set<String> payloadTypes, Consumer<TrackedEventMessage<?>> sink) {
        String sql = "SELECT globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, timestamp, "
                + "payloadtype, payloadrevision, payload, metadata FROM domainevententry WHERE payloadtype IN ("
                + String.join(", ", Collections.nCopies(payloadTypes.size(), "?")) + ") ORDER BY globalindex";
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setFetchSize(FETCH_SIZE);
            int parameter = 1;
            for (String type : payloadTypes) {
                statement.setString(parameter++, type);
            }
            return statement;
        }, (RowCallbackHandler) row -> {
            var stored = new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(row.getLong(1)),
                    new GenericDomainEventEntry<>(row.getString(2), row.getString(3), row.getLong(4),
                            row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                            row.getBytes(9), row.getBytes(10)));
            EventUtils.upcastAndDeserializeTrackedEvents(Stream.of(stored), eventSerializer, axon.upcasterChain())
                      .forEach(sink);
        });
    }

    private EventHandlerInvoker projections(SubscribingReadModel model) {
        List<Object> handlers = model.projections().stream().map(type -> (Object) beans.getBean(type)).toList();
        return SimpleEventHandlerInvoker.builder()
                                        .eventHandlers(handlers)
                                        .parameterResolverFactory(axon.parameterResolverFactory())
                                        .handlerDefinition(axon.handlerDefinition(model.projections().get(0)))
                                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                                        .build();
    }

}
