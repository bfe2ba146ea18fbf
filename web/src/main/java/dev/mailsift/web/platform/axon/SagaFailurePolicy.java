package dev.mailsift.web.platform.axon;

import dev.mailsift.api.job.FailJob;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.SettleReservation;
import dev.mailsift.web.platform.fairness.AggregateBusyException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;

import java.lang.reflect.RecordComponent;
import java.sql.SQLTransientException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the pipeline saga's processor does when a handler throws. The processor carries every job's events in one
 * sequence, so it may neither skip an event silently (a job and its reserved credits would be stranded) nor retry
 * it for ever (every other job would wait behind it). Transient faults ({@link #isTransient}) are retried through
 * the processor's back-off until they pass. Any other fault is retried {@code maxAttempts} times (it may have been
 * transient after all); then the event is dead-lettered: the
 * letter is kept for operators ({@link SagaDeadLetters}), counted ({@value #METRIC}), logged, and the event's job
 * is failed, which makes the saga release every credit the job reserved. The processor then moves on.
 */
class SagaFailurePolicy implements ListenerInvocationErrorHandler {

    static final String METRIC = "mailsift.saga.dead.letters";
    private static final Logger log = LoggerFactory.getLogger(SagaFailurePolicy.class);
    /** Attempts remembered per event; a bound so events that later succeeded cannot pile up. */
    private static final int MAX_TRACKED_EVENTS = 10_000;

    private final String processingGroup;
    private final int maxAttempts;
    private final SagaDeadLetters deadLetters;
    private final CommandGateway commands;
    private final Counter deadLettered;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    SagaFailurePolicy(String processingGroup, int maxAttempts, SagaDeadLetters deadLetters, CommandGateway commands,
                      MeterRegistry meters) {
        this.processingGroup = processingGroup;
        this.maxAttempts = maxAttempts;
        this.deadLetters = deadLetters;
        this.commands = commands;
        this.deadLettered = Counter.builder(METRIC).tag("processing_group", processingGroup)
                                   .description("Events a saga gave up on; each failed its job")
                                   .register(meters);
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler handler) throws Exception {
        if (attempts.size() > MAX_TRACKED_EVENTS) {
            attempts.clear();
        }
        String jobId = jobOf(event.getPayload());
        if (isTransient(exception)) {
            // the account is busy or the database is briefly away: waiting is the cure, not failing the job
            log.warn("{} could not handle {} of job {} yet ({}); retrying", processingGroup,
                    event.getPayloadType().getSimpleName(), jobId, exception.toString());
            throw exception;
        }
        int attempt = attempts.merge(event.getIdentifier(), 1, Integer::sum);
        if (attempt < maxAttempts) {
            log.warn("{} failed on {} of job {} (attempt {} of {}); retrying", processingGroup,
                    event.getPayloadType().getSimpleName(), jobId, attempt, maxAttempts, exception);
            throw exception;
        }
        attempts.remove(event.getIdentifier());
        String letter = deadLetters.record(processingGroup, event.getIdentifier(), event.getPayloadType().getName(),
                jobId, attempt, exception);
        deadLettered.increment();
        log.error("{} gave up on {} {} of job {} after {} attempts: dead letter {}; the job is failed", processingGroup,
                event.getPayloadType().getSimpleName(), event.getIdentifier(), jobId, attempt, letter, exception);
        if (jobId != null) {
            commands.sendAndWait(new FailJob(jobId, "Processing stopped because of an error on our side (reference "
                    + letter + "). Every credit reserved for this list was released."));
        }
        if (event.getPayload() instanceof CreditsReserved reserved) {
            // the saga never took this reservation in, so its failure handling will not release it: do it here
            commands.sendAndWait(new SettleReservation(reserved.userId(), reserved.reservationId(), 0));
        }
    }

    /**
     * Faults that pass by themselves and say nothing about the job: another command's turn on the same aggregate
     * ran long, two nodes appended to one aggregate at once, or the database was out of connections or briefly gone.
     */
    static boolean isTransient(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateBusyException
                    || cause instanceof ConcurrencyException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof SQLTransientException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * The job an event belongs to: its {@code jobId}, or for the credit events of a job's reservation the
     * reservation's id, which is the job's.
     */
    static String jobOf(Object payload) {
        if (payload == null || !payload.getClass().isRecord()) {
            return null;
        }
        String reservation = null;
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            String name = component.getName();
            if (name.equals("jobId") || name.equals("reservationId")) {
                try {
                    Object value = component.getAccessor().invoke(payload);
                    if (name.equals("jobId")) {
                        return value == null ? null : value.toString();
                    }
                    reservation = value == null ? null : value.toString();
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return reservation;
    }
}
