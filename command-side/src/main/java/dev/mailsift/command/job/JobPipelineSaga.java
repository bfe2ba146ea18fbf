package dev.mailsift.command.job;

import dev.mailsift.api.job.AcceptFile;
import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.CompleteJob;
import dev.mailsift.api.job.FailJob;
import dev.mailsift.api.job.FileAccepted;
import dev.mailsift.api.job.FileRejected;
import dev.mailsift.api.job.IntakeSummary;
import dev.mailsift.api.job.JobCancelled;
import dev.mailsift.api.job.JobCompleted;
import dev.mailsift.api.job.JobFailed;
import dev.mailsift.api.job.JobStatus;
import dev.mailsift.api.job.JobUploaded;
import dev.mailsift.api.job.PartialResultsRecorded;
import dev.mailsift.api.job.QueueValidation;
import dev.mailsift.api.job.RecordPartialResults;
import dev.mailsift.api.job.RejectFile;
import dev.mailsift.api.job.RejectionReason;
import dev.mailsift.api.job.ValidationQueued;
import dev.mailsift.api.job.VerdictCounts;
import dev.mailsift.api.user.CreditReservationRejected;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.SettleReservation;
import dev.mailsift.command.pipeline.CheckLists;
import dev.mailsift.command.pipeline.IntakeRejection;
import dev.mailsift.command.pipeline.ListIntake;
import dev.mailsift.command.pipeline.PipelineProperties;
import dev.mailsift.command.pipeline.ResultsAssembler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.TreeSet;

/**
 * Drives one job from upload to settled credits: intake → reserve credits → queue chunks → collect chunk
 * verdicts (re-dispatching stalled chunks on a deadline) → write results → complete → capture what was used,
 * release the rest. Failure, rejection or cancellation at any step settles exactly what was reserved.
 *
 * <p>State is plain data (serialized with Jackson); collaborators arrive as handler parameters.
 */
@Saga
public class JobPipelineSaga {

    static final String STALL_DEADLINE = "job-stalled";
    private static final Logger log = LoggerFactory.getLogger(JobPipelineSaga.class);

    private String jobId;
    private String userId;
    private String uploadKey;
    private IntakeSummary intake;
    private long creditsReserved;
    private boolean reservationOpen;
    /** Cancelled or failed: late answers only settle credits. */
    private boolean stopped;
    private TreeSet<Integer> pendingChunks = new TreeSet<>();
    private int chunksDoneAtLastCheck;
    private VerdictCounts counts = VerdictCounts.NONE;
    private long billable;
    private String stallDeadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(JobUploaded event, ListIntake listIntake, CommandGateway commands) {
        jobId = event.jobId();
        userId = event.userId();
        uploadKey = event.uploadKey();
        try {
            commands.sendAndWait(new AcceptFile(jobId, listIntake.inspect(event)));
        } catch (IntakeRejection rejection) {
            commands.sendAndWait(new RejectFile(jobId, rejection.reason(), rejection.getMessage()));
        } catch (IOException e) {
            log.error("Intake of job {} failed", jobId, e);
            commands.sendAndWait(new FailJob(jobId, "The uploaded file could not be read back from storage."));
        }
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(FileAccepted event, CommandGateway commands) {
        intake = event.intake();
        if (intake.billable() == 0) {
            commands.sendAndWait(new QueueValidation(jobId, 0));
            return;
        }
        SagaLifecycle.associateWith("reservationId", jobId);
        commands.sendAndWait(new ReserveCredits(userId, jobId, intake.billable()));
    }

    @SagaEventHandler(associationProperty = "reservationId")
    void on(CreditsReserved event, CommandGateway commands) {
        creditsReserved = event.amount();
        reservationOpen = true;
        if (stopped) {
            settle(commands, 0);
            SagaLifecycle.end();
            return;
        }
        commands.sendAndWait(new QueueValidation(jobId, creditsReserved));
    }

    @SagaEventHandler(associationProperty = "reservationId")
    void on(CreditReservationRejected event, CommandGateway commands) {
        if (stopped) {
            SagaLifecycle.end();
            return;
        }
        boolean shortOfCredits = "insufficient_credits".equals(event.reason());
        commands.sendAndWait(new RejectFile(jobId,
                shortOfCredits ? RejectionReason.INSUFFICIENT_CREDITS : RejectionReason.ACCOUNT_NOT_ALLOWED,
                shortOfCredits
                        ? "The list needs " + event.requested() + " credits; " + event.available() + " are available."
                        : "This account may not spend credits (" + event.reason() + ")."));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(FileRejected event) {
        // nothing was reserved
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(ValidationQueued event, CheckLists checkLists, DeadlineManager deadlines,
            PipelineProperties properties) throws IOException {
        for (int chunk = 0; chunk < intake.chunkCount(); chunk++) {
            pendingChunks.add(chunk);
        }
        stallDeadlineId = deadlines.schedule(properties.stallTimeout(), STALL_DEADLINE, new StallCheck(jobId));
        checkLists.dispatch(jobId, userId, intake, pendingChunks);
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(ChunkValidated event, CommandGateway commands, DeadlineManager deadlines, ResultsAssembler results) {
        if (stopped || !pendingChunks.remove(event.chunkIndex())) {
            return;
        }
        counts = counts.plus(event.counts());
        billable += event.billable();
        if (pendingChunks.isEmpty()) {
            cancelStallDeadline(deadlines);
            try {
                var files = results.assemble(jobId, uploadKey, intake);
                commands.sendAndWait(new CompleteJob(jobId, counts, billable, files.csvKey(), files.xlsxKey()));
            } catch (IOException e) {
                log.error("Results of job {} could not be written", jobId, e);
                commands.sendAndWait(new FailJob(jobId, "The results file could not be written."));
            }
        }
    }

    /** No chunk finished for a whole stall period: dispatch the outstanding ones again. */
    @DeadlineHandler(deadlineName = STALL_DEADLINE)
    void onStall(StallCheck check, CheckLists checkLists, DeadlineManager deadlines, PipelineProperties properties)
            throws IOException {
        int done = intake.chunkCount() - pendingChunks.size();
        if (done == chunksDoneAtLastCheck && !pendingChunks.isEmpty()) {
            log.warn("Job {} stalled with {} chunks outstanding; dispatching them again", jobId, pendingChunks.size());
            checkLists.dispatch(jobId, userId, intake, pendingChunks);
        }
        chunksDoneAtLastCheck = done;
        stallDeadlineId = deadlines.schedule(properties.stallTimeout(), STALL_DEADLINE, new StallCheck(jobId));
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(JobCompleted event, CommandGateway commands) {
        settle(commands, event.creditsCaptured());
        SagaLifecycle.end();
    }

    /**
     * Cancelled while queued: the verdicts so far become partial results and are billed. Cancelled earlier:
     * whatever was reserved goes back (a reservation still in flight is released when it lands).
     */
    @SagaEventHandler(associationProperty = "jobId")
    void on(JobCancelled event, CommandGateway commands, DeadlineManager deadlines, ResultsAssembler results) {
        stopped = true;
        cancelStallDeadline(deadlines);
        if (event.cancelledIn() == JobStatus.QUEUED) {
            try {
                var files = results.assemble(jobId, uploadKey, intake);
                commands.sendAndWait(new RecordPartialResults(jobId, counts, billable, files.csvKey(),
                        files.xlsxKey()));
                return;
            } catch (IOException e) {
                log.error("Partial results of job {} could not be written", jobId, e);
            }
        } else if (awaitingReservation()) {
            return;
        }
        settle(commands, event.cancelledIn() == JobStatus.QUEUED ? billable : 0);
        SagaLifecycle.end();
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(PartialResultsRecorded event, CommandGateway commands) {
        settle(commands, event.creditsCaptured());
        SagaLifecycle.end();
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(JobFailed event, CommandGateway commands, DeadlineManager deadlines) {
        stopped = true;
        cancelStallDeadline(deadlines);
        if (!awaitingReservation()) {
            settle(commands, 0);
            SagaLifecycle.end();
        }
    }

    /** Credits were asked for (the file was accepted with something to pay) but no answer has arrived yet. */
    private boolean awaitingReservation() {
        return intake != null && intake.billable() > 0 && !reservationOpen;
    }

    private void cancelStallDeadline(DeadlineManager deadlines) {
        if (stallDeadlineId != null) {
            deadlines.cancelSchedule(STALL_DEADLINE, stallDeadlineId);
            stallDeadlineId = null;
        }
    }

    private void settle(CommandGateway commands, long capture) {
        if (reservationOpen) {
            commands.sendAndWait(new SettleReservation(userId, jobId, capture));
            reservationOpen = false;
        }
    }
}
