package dev.mailsift.command.jobs;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Work a saga asks for that runs on threads of its own and reports back with a command, so that no saga handler
 * waits for it: at most one run per key on this node (a second request while it runs is ignored), the asking
 * handler's correlation data (actor, trace) on the answer, nothing reported when the node stops mid-way (the saga's
 * stall deadline asks again).
 */
final class AnsweredWork implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnsweredWork.class);

    private final String what;
    private final CommandGateway commands;
    private final OwnerExecutor executor;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /**
     * @param what     names the work in log lines, e.g. "Intake"
     * @param executor shared fairly between owners; closed with this when it is closeable
     */
    AnsweredWork(String what, CommandGateway commands, OwnerExecutor executor) {
        this.what = what;
        this.commands = commands;
        this.executor = executor;
    }

    /**
     * Starts {@code work} unless this node already runs the work of {@code key}.
     *
     * @param work returns the answering command, or null for no answer (see {@link #stopping()})
     */
    void start(String key, String owner, String jobId, Supplier<Object> work) {
        if (!inFlight.add(key)) {
            log.info("{} of job {} is still running", what, jobId);
            return;
        }
        MetaData correlation = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().getCorrelationData() : MetaData.emptyInstance();
        try {
            executor.execute(owner, () -> {
                try {
                    Object answer = work.get();
                    if (answer != null) {
                        report(answer, correlation, jobId);
                    }
                } finally {
                    inFlight.remove(key);
                }
            });
        } catch (RuntimeException rejected) {
            inFlight.remove(key);
            log.warn("{} of job {} could not be started; the stall deadline asks again", what, jobId, rejected);
        }
    }

    /** The node is stopping (or the thread was interrupted): a failure now is not the job's, and not reported. */
    boolean stopping() {
        if (closing || Thread.currentThread().isInterrupted()) {
            log.info("{} was running when this node stopped; it is asked for again", what);
            return true;
        }
        return false;
    }

    /** Work in progress is dropped without an answer. */
    @Override
    public void close() {
        closing = true;
        if (executor instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Closing the work queue of {} failed", what, e);
            }
        }
    }

    private void report(Object answer, MetaData correlation, String jobId) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(answer).andMetaData(correlation));
        } catch (RuntimeException e) {
            log.warn("{} of job {} is done but could not be reported; the stall deadline asks again", what, jobId, e);
        }
    }
}
