package dev.mailsift.command.job;

import dev.mailsift.api.job.AcceptFile;
import dev.mailsift.api.job.ChunkValidated;
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
import dev.mailsift.command.pipeline.ResultsAssembly;
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
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Drives one job from upload to settled credits: intake → reserve credits → queue chunks → collect chunk
 * verdicts (re-dispatching stalled chunks on a deadline) → have the results written (off this thread, see
 * {@link ResultsAssembly}) → complete → capture what was used, release the rest. Failure, rejection or cancellation at any step settles exactly what was reserved.
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
    /** Results asked for and not yet reported: the complete ones, or the partial ones of a cancelled job. */
    private Results awaitedResults;

    enum Results { COMPLETE, PARTIAL }

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
    void on(ChunkValidated event, ResultsAssembly results) {
        if (stopped || !pendingChunks.remove(event.chunkIndex())) {
            return;
        }
        counts = counts.plus(event.counts());
        billable += event.billable();
        if (pendingChunks.isEmpty()) {
            awaitedResults = Results.COMPLETE;
            results.request(resultsRequest());
        }
    }

    /**
     * Nothing happened for a whole stall period: results asked for but not reported are asked for again; otherwise,
     * when no chunk finished, the outstanding chunks are dispatched again.
     */
    @DeadlineHandler(deadlineName = STALL_DEADLINE)
    void onStall(StallCheck check, CheckLists checkLists, ResultsAssembly results, DeadlineManager deadlines,
                 PipelineProperties properties) throws IOException {
        int done = intake.chunkCount() - pendingChunks.size();
        if (awaitedResults != null) {
            log.warn("Results of job {} not reported within the stall period; asking again", jobId);
            results.request(resultsRequest());
        } else if (done == chunksDoneAtLastCheck && !pendingChunks.isEmpty()) {
            log.warn("Job {} stalled with {} chunks outstanding; dispatching them again", jobId, pendingChunks.size());
            checkLists.dispatch(jobId, userId, intake, pendingChunks);
        }
        chunksDoneAtLastCheck = done;
        stallDeadlineId = deadlines.schedule(properties.stallTimeout(), STALL_DEADLINE, new StallCheck(jobId));
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(JobCompleted event, CommandGateway commands, DeadlineManager deadlines) {
        cancelStallDeadline(deadlines);
        settle(commands, event.creditsCaptured());
        SagaLifecycle.end();
    }

    /**
     * Cancelled while queued: the verdicts so far become partial results and are billed. Cancelled earlier:
     * whatever was reserved goes back (a reservation still in flight is released when it lands).
     */
    @SagaEventHandler(associationProperty = "jobId")
    void on(JobCancelled event, CommandGateway commands, DeadlineManager deadlines, ResultsAssembly results) {
        stopped = true;
        if (event.cancelledIn() == JobStatus.QUEUED) {
            awaitedResults = Results.PARTIAL; // the stall deadline stays armed until they are reported
            results.request(resultsRequest());
            return;
        }
        cancelStallDeadline(deadlines);
        if (!awaitingReservation()) {
            settle(commands, 0);
            SagaLifecycle.end();
        }
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(PartialResultsRecorded event, CommandGateway commands, DeadlineManager deadlines) {
        cancelStallDeadline(deadlines);
        settle(commands, event.creditsCaptured());
        SagaLifecycle.end();
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(JobFailed event, CommandGateway commands, DeadlineManager deadlines) {
        stopped = true;
        awaitedResults = null;
        cancelStallDeadline(deadlines);
        if (!awaitingReservation()) {
            settle(commands, 0);
            SagaLifecycle.end();
        }
    }

    private ResultsAssembly.Request resultsRequest() {
        // a cancelled job's partial results hold the chunks counted before the cancellation, not later ones
        List<Integer> counted = IntStream.range(0, intake.chunkCount())
                                         .filter(chunk -> !pendingChunks.contains(chunk)).boxed().toList();
        return new ResultsAssembly.Request(jobId, uploadKey, intake, counted, counts, billable,
                awaitedResults == Results.PARTIAL);
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
