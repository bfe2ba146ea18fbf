package dev.mailsift.command.jobs;

import dev.mailsift.api.job.AcceptFile;
import dev.mailsift.api.job.FailJob;
import dev.mailsift.api.job.JobUploaded;
import dev.mailsift.api.job.RejectFile;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.UUID;

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
    private final AnsweredWork work;

    /** @param executor where lists are read, shared fairly between users; closed with this when it is closeable */
    public IntakeRequests(ListIntake intake, CommandGateway commands, OwnerExecutor executor) {
        this.intake = intake;
        this.work = new AnsweredWork("Intake", commands, executor);
    }

    /** Work in progress is dropped without an answer; the saga asks again after the restart. */
    @Override
    public void close() {
        work.close();
    }

    /** Starts reading the list unless this node is already reading it. Called from a saga handler. */
    public void request(JobUploaded upload) {
        work.start(upload.jobId(), upload.userId(), upload.jobId(), () -> read(upload));
    }

    /** @return the answer, or null when the node is stopping */
    private Object read(JobUploaded upload) {
        try {
            return new AcceptFile(upload.jobId(), intake.inspect(upload));
        } catch (IntakeRejection rejection) {
            return new RejectFile(upload.jobId(), rejection.reason(), rejection.getMessage());
        } catch (IOException e) {
            if (work.stopping()) {
                return null;
            }
            log.error("The list of job {} could not be read back from storage", upload.jobId(), e);
            return new FailJob(upload.jobId(), "The uploaded file could not be read back from storage.");
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError unexpected) {
            // a fault of ours that this list triggers: it ends this job, never the pipeline
            if (work.stopping()) {
                return null;
            }
            String reference = UUID.randomUUID().toString();
            log.error("Intake of job {} failed unexpectedly (reference {})", upload.jobId(), reference, unexpected);
            return new FailJob(upload.jobId(), "The list could not be read because of an error on our side "
                    + "(reference " + reference + "). Nothing was charged.");
        }
    }
}
