package dev.mailsift.web.audit.replay;

import dev.mailsift.web.platform.problem.ConflictException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps a subscribing read model's handlers from writing while it is rebuilt. A transaction whose events reach one of
 * the model's handlers holds the model's gate open (shared with every other) until it commits or rolls back; a
 * rebuild closes the gate, waiting for those in flight, and the next ones wait at their first handler until the
 * rebuild has committed. Holding it to the end of the transaction, not just through the handler, means a rebuild
 * never meets rows a half-done transaction has written in the model, and never misses its event.
 * <p>
 * On PostgreSQL the gate is a transaction-level advisory lock, which holds on every node and which PostgreSQL's
 * deadlock detector sees; on the embedded database (one node) it is a read-write lock in this process.
 */
@Component
class ReadModelGate {

    /** How long a rebuild waits for the transactions in flight before it gives up. */
    static final Duration CLOSING_WAIT = Duration.ofSeconds(30);

    private final Map<String, ReentrantReadWriteLock> gates = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    ReadModelGate(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The interceptor to register on the subscribing processor {@code processor}. */
    MessageHandlerInterceptor<EventMessage<?>> interceptor(String processor) {
        String resource = ReadModelGate.class.getName() + "." + processor;
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            UnitOfWork<?> root = unitOfWork.root();
            if (root.resources().putIfAbsent(resource, Boolean.TRUE) == null) {
                if (onPostgres()) {
                    // released by PostgreSQL when the transaction ends
                    jdbc.execute("SELECT pg_advisory_xact_lock_shared(" + key(processor) + ")");
                } else {
                    Lock open = gate(processor).readLock();
                    open.lock();
                    root.onCleanup(done -> open.unlock());
                }
            }
            return chain.proceed();
        };
    }

    /**
     * Closes the gate for the current transaction, once the transactions in flight have ended, until it ends. Call
     * inside the rebuild's transaction, after its first statement (so its connection is held before it waits).
     *
     * @throws ConflictException when transactions in flight keep it open longer than {@link #CLOSING_WAIT}
     */
    void closeForThisTransaction(String processor) {
        if (onPostgres()) {
            jdbc.execute("SET LOCAL lock_timeout = '" + CLOSING_WAIT.toMillis() + "ms'");
            try {
                jdbc.execute("SELECT pg_advisory_xact_lock(" + key(processor) + ")");
            } catch (DataAccessException timedOut) {
                throw busy(processor);
            }
            jdbc.execute("SET LOCAL lock_timeout = DEFAULT");
            return;
        }
        Lock closed = gate(processor).writeLock();
        try {
            if (!closed.tryLock(CLOSING_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy(processor);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw busy(processor);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                closed.unlock();
            }
        });
    }

    private static ConflictException busy(String processor) {
        return new ConflictException("Writes to the read model of " + processor + " kept going for "
                + CLOSING_WAIT.toSeconds() + " s; ask again in a moment.");
    }

    /** The advisory lock's key: stable across nodes and restarts. */
    static long key(String processor) {
        long hash = 1125899906842597L;
        for (char c : ("mailsift read model " + processor).toCharArray()) {
            hash = 31 * hash + c;
        }
        return hash;
    }

    private boolean onPostgres() {
        Boolean known = postgres;
        if (known == null) {
            known = "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) connection ->
                    connection.getMetaData().getDatabaseProductName()));
            postgres = known;
        }
        return known;
    }

    private ReentrantReadWriteLock gate(String processor) {
        return gates.computeIfAbsent(processor, name -> new ReentrantReadWriteLock());
    }
}
