package dev.mailsift.web.platform.fairness;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import static org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage;

/**
 * Axon's {@link SimpleCommandBus}, with a turn per target aggregate taken before the unit of work starts.
 * {@code SimpleCommandBus.handle} attaches the transaction (and so takes a pooled connection) as its first step,
 * and the aggregate's lock is only taken later, when the handler loads it: a burst on one account would park every
 * pool connection behind that one lock. Here the queue forms in front of the transaction instead, holding no
 * connection, and a command whose turn does not come in time fails with {@link AggregateBusyException} before
 * anything was done.
 *
 * <p>A command dispatched inside another unit of work (a saga's, a handler's) keeps its turn until that outer unit
 * of work is cleaned up, which is when Axon releases the aggregate's lock too.
 */
class AggregateGatedCommandBus extends SimpleCommandBus {

    /** The {@code @TargetAggregateIdentifier} value; none for a command without one (it is not gated). */
    private final RoutingStrategy targetAggregate = AnnotationRoutingStrategy.builder()
                                                                             .fallbackRoutingStrategy(command -> null)
                                                                             .build();
    private final AggregateGate gate;

    AggregateGatedCommandBus(Builder builder, AggregateGate gate) {
        super(builder);
        this.gate = gate;
    }

    @Override
    protected <C, R> void handle(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
                                 CommandCallback<? super C, ? super R> callback) {
        String aggregateId = targetAggregate.getRoutingKey(command);
        if (aggregateId == null) {
            super.handle(command, handler, callback);
            return;
        }
        AggregateGate.Turn turn;
        try {
            turn = gate.enter(aggregateId);
        } catch (AggregateBusyException busy) {
            callback.onResult(command, asCommandResultMessage(busy));
            return;
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().onCleanup(unitOfWork -> turn.close());
            super.handle(command, handler, callback);
            return;
        }
        try {
            super.handle(command, handler, callback);
        } finally {
            turn.close();
        }
    }
}
