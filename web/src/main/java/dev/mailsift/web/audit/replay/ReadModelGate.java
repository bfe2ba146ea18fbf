package dev.mailsift.web.audit.replay;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps a subscribing read model's handlers on this node from writing while it is rebuilt. A unit of work whose event
 * reaches one of the model's handlers holds the model's gate open (shared with every other) until it has committed or
 * rolled back; a rebuild closes the gate, waiting for those in flight, and new ones wait at their first handler until
 * it reopens. Holding it to the end of the unit of work, not just through the handler, means a rebuild never waits
 * on rows a half-done transaction has written in the model.
 */
@Component
class ReadModelGate {

    private final Map<String, ReentrantReadWriteLock> gates = new ConcurrentHashMap<>();

    /** The interceptor to register on the subscribing processor {@code processor}. */
    MessageHandlerInterceptor<EventMessage<?>> interceptor(String processor) {
        String resource = ReadModelGate.class.getName() + "." + processor;
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            UnitOfWork<?> root = unitOfWork.root();
            if (!root.resources().containsKey(resource)) {
                Lock open = gate(processor).readLock();
                open.lock();
                root.resources().put(resource, open);
                root.onCleanup(done -> open.unlock());
            }
            return chain.proceed();
        };
    }

    /** Waits until no unit of work holds the model's gate open, and keeps new ones out until the lock is released. */
    Lock close(String processor) {
        Lock closed = gate(processor).writeLock();
        closed.lock();
        return closed;
    }

    private ReentrantReadWriteLock gate(String processor) {
        return gates.computeIfAbsent(processor, name -> new ReentrantReadWriteLock());
    }
}
