package dev.mailsift.command.pipeline;

import dev.mailsift.api.job.AcceptFile;
import dev.mailsift.api.job.FailJob;
import dev.mailsift.api.job.JobUploaded;
import dev.mailsift.api.job.RejectFile;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads uploaded lists off the event-processing thread and answers with a command: {@code AcceptFile},
 * {@code RejectFile} for a list that is not usable, or {@code FailJob} when reading it failed on our side.
 *
 * <p>Why not in the saga's handler: the saga processor handles every job's events in one sequence, so a slow or
 * hostile list read there would hold every other user's job, and an exception would stop them all. Here a list
 * costs at most one intake thread, and whatever it throws ends that job alone. An answer lost with the node is
 * asked for again by the saga's stall deadline; a request for a list this node is still reading is ignored, and
 * the job aggregate ignores a second answer.
 */
public class IntakeRequests implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntakeRequests.class);

    private final ListIntake intake;
    private final CommandGateway commands;
    private final OwnerExecutor executor;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /** @param executor where lists are read, shared fairly between users; closed with this when it is closeable */
    public IntakeRequests(ListIntake intake, CommandGateway commands, OwnerExecutor executor) {
        this.intake = intake;
        this.commands = commands;
        this.executor = executor;
    }

    /** Work in progress is dropped without an answer; the saga asks again after the restart. */
    @Override
    public void close() {
        closing = true;
        if (executor instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Closing the work queue failed", e);
            }
        }
    }

    /**
     * Starts reading the list unless this node is already reading it. Called from a saga handler: the handler's
     * correlation data (actor, trace) goes with the answer.
     */
    public void request(JobUploaded upload) {
        if (!inFlight.add(upload.jobId())) {
            log.info("The list of job {} is still being read", upload.jobId());
            return;
        }
        MetaData correlation = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().getCorrelationData() : MetaData.emptyInstance();
        try {
            executor.execute(upload.userId(), () -> {
                try {
                    read(upload, correlation);
                } finally {
                    inFlight.remove(upload.jobId());
                }
            });
        } catch (RuntimeException rejected) {
            inFlight.remove(upload.jobId());
            log.warn("Intake of job {} could not be started; the stall deadline asks again", upload.jobId(),
                    rejected);
        }
    }

    private void read(JobUploaded upload, MetaData correlation) {
        Object answer;
        try {
            answer = new AcceptFile(upload.jobId(), intake.inspect(upload));
        } catch (IntakeRejection rejection) {
            answer = new RejectFile(upload.jobId(), rejection.reason(), rejection.getMessage());
        } catch (IOException e) {
            if (stopping()) {
                return;
            }
            log.error("The list of job {} could not be read back from storage", upload.jobId(), e);
            answer = new FailJob(upload.jobId(), "The uploaded file could not be read back from storage.");
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError unexpected) {
            // a fault of ours that this list triggers: it ends this job, never the pipeline
            if (stopping()) {
                return;
            }
            String reference = UUID.randomUUID().toString();
            log.error("Intake of job {} failed unexpectedly (reference {})", upload.jobId(), reference, unexpected);
            answer = new FailJob(upload.jobId(), "The list could not be read because of an error on our side "
                    + "(reference " + reference + "). Nothing was charged.");
        }
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(answer).andMetaData(correlation));
        } catch (RuntimeException e) {
            log.warn("Intake of job {} is done but could not be reported; the stall deadline asks again",
                    upload.jobId(), e);
        }
    }

    private boolean stopping() {
        if (closing || Thread.currentThread().isInterrupted()) {
            log.info("A list was being read when this node stopped; it is asked for again");
            return true;
        }
        return false;
    }
}
