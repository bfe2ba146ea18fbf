package dev.mailsift.web.audit.replay;

import dev.mailsift.web.audit.replay.ReadModelProcessors.SubscribingReadModel;
import jakarta.persistence.EntityManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rebuilds a subscribing processor's read model from the whole event store, in one transaction that nobody else
 * writes the model in meanwhile: the {@link ReadModelGate} holds back the processor's handlers on every node (and
 * waits for the transactions in flight to end). Reads go on and see the old rows until the rebuild commits. An event
 * appended meanwhile is handled after the rebuild by its own transaction, so none is lost or handled twice. Only the
 * model's projections are invoked. Its cost is a read of the whole event store while the model's writers wait.
 */
@Component
class SubscribingRebuild {

    /** Entities written between two flushes of the persistence context. */
    private static final int FLUSH_EVERY = 500;

    private final ApplicationContext beans;
    private final Configuration axon;
    private final EventStorageEngine events;
    private final TransactionTemplate transactions;
    private final EntityManager entityManager;
    private final JdbcTemplate jdbc;
    private final ReadModelGate gate;

    SubscribingRebuild(ApplicationContext beans, Configuration axon, EventStorageEngine events,
                       TransactionTemplate transactions, EntityManager entityManager, JdbcTemplate jdbc,
                       ReadModelGate gate) {
        this.beans = beans;
        this.axon = axon;
        this.events = events;
        this.transactions = transactions;
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.gate = gate;
    }

    /** @return how many events the model's projections handled */
    long rebuild(SubscribingReadModel model) {
        EventHandlerInvoker projections = projections(model);
        Long handled = transactions.execute(transaction -> {
            jdbc.queryForObject("SELECT 1", Integer.class); // holds its connection before it waits at the gate
            gate.closeForThisTransaction(model.processor());
            projections.performReset();
            entityManager.flush();
            long count = 0;
            try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(null, false)) {
                Iterator<? extends TrackedEventMessage<?>> all = stream.iterator();
                while (all.hasNext()) {
                    TrackedEventMessage<?> event = all.next();
                    if (projections.canHandle(event, Segment.ROOT_SEGMENT)) {
                        projections.handle(event, Segment.ROOT_SEGMENT);
                        if (++count % FLUSH_EVERY == 0) {
                            entityManager.flush();
                            entityManager.clear();
                        }
                    }
                }
            } catch (RuntimeException failed) {
                throw failed;
            } catch (Exception failed) {
                throw new IllegalStateException("rebuilding " + model.processor() + " failed", failed);
            }
            return count;
        });
        return handled == null ? 0 : handled;
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
