package dev.mailsift.web.audit.replay;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate in front of a subscribing read model, with real transactions: a rebuild waits for the writing
 * transactions in flight to end, and the next writers wait until the rebuild has committed. Run on the embedded
 * database (a lock in the process) by {@code ReadModelGateTest} and on PostgreSQL (an advisory lock) by
 * {@code PostgresReadModelGateTest}.
 */
abstract class ReadModelGateContract {

    /** Long enough for a thread that is not blocked to get through; a blocked one stays blocked far longer. */
    private static final long BLOCKED_FOR_MS = 700;

    abstract DataSource dataSource();

    @Test
    void aRebuildWaitsForTheWritersInFlightAndTheNextWritersWaitUntilTheRebuildHasCommitted() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource());
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource()));
        ReadModelGate gate = new ReadModelGate(jdbc);
        MessageHandlerInterceptor<EventMessage<?>> interceptor = gate.interceptor("access");
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch inFlightHandled = new CountDownLatch(1);
            CountDownLatch endInFlight = new CountDownLatch(1);
            Future<?> inFlight = threads.submit(() -> transactions.executeWithoutResult(status -> {
                UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("first"));
                handle(interceptor, unitOfWork, inFlightHandled);
                await(endInFlight);
                unitOfWork.commit();
            }));
            assertThat(inFlightHandled.await(10, TimeUnit.SECONDS)).isTrue();

            CountDownLatch closed = new CountDownLatch(1);
            CountDownLatch endRebuild = new CountDownLatch(1);
            Future<?> rebuild = threads.submit(() -> transactions.executeWithoutResult(status -> {
                jdbc.queryForObject("SELECT 1", Integer.class);
                gate.closeForThisTransaction("access");
                closed.countDown();
                await(endRebuild);
            }));
            assertThat(closed.await(BLOCKED_FOR_MS, TimeUnit.MILLISECONDS))
                    .as("the rebuild waits for the writer in flight").isFalse();
            endInFlight.countDown();
            inFlight.get(10, TimeUnit.SECONDS);
            assertThat(closed.await(10, TimeUnit.SECONDS)).as("and closes the gate once it has ended").isTrue();

            CountDownLatch nextHandled = new CountDownLatch(1);
            Future<?> next = threads.submit(() -> transactions.executeWithoutResult(status -> {
                UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("next"));
                handle(interceptor, unitOfWork, nextHandled);
                unitOfWork.commit();
            }));
            assertThat(nextHandled.await(BLOCKED_FOR_MS, TimeUnit.MILLISECONDS))
                    .as("the next writer waits while the rebuild's transaction is open").isFalse();
            endRebuild.countDown();
            rebuild.get(10, TimeUnit.SECONDS);
            assertThat(nextHandled.await(10, TimeUnit.SECONDS)).as("and writes once it has committed").isTrue();
            next.get(10, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void handle(MessageHandlerInterceptor<EventMessage<?>> interceptor, UnitOfWork<?> unitOfWork,
                               CountDownLatch handled) {
        try {
            @SuppressWarnings("unchecked")
            UnitOfWork<? extends EventMessage<?>> events = (UnitOfWork<? extends EventMessage<?>>) unitOfWork;
            interceptor.handle(events, () -> {
                handled.countDown();
                return null;
            });
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
