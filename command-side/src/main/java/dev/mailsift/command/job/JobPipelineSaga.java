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
import dev.mailsift.api.job.RecordPartialResults;
import dev.mailsift.api.job.RejectFile;
import dev.mailsift.api.job.RejectionReason;
import dev.mailsift.api.job.ValidationQueued;
import dev.mailsift.api.job.VerdictCounts;
import dev.mailsift.api.user.CreditReservationRejected;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.SettleReservation;
import dev.mailsift.api.user.SpendingRefusal;
import dev.mailsift.command.jobs.CheckListChunks;
import dev.mailsift.command.jobs.IntakeRequests;
import dev.mailsift.command.jobs.PipelineProperties;
import dev.mailsift.command.jobs.ResultsRequests;
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
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Drives one job from upload to settled credits: have the list read (off this thread, see {@link IntakeRequests})
 * → reserve credits → queue chunks → collect chunk verdicts (re-dispatching stalled chunks on a deadline) → have
 * the results written (off this thread, see {@link ResultsRequests}) → complete → capture what was used, release
 * the rest. Failure, rejection or cancellation at any step settles exactly what was reserved.
 *
 * <p>Nothing slow or list-dependent runs in these handlers: one processor sequence carries every job's events, so
 * a handler that took long or threw would hold every other user's job. Work done elsewhere that does not answer
 * is asked for again by the stall deadline, a bounded number of times, then the job fails.
 *
 * <p>State is plain data (serialized with Jackson); collaborators arrive as handler parameters.
 */
@Saga
public class JobPipelineSaga {

    static final String STALL_DEADLINE = "job-stalled";
    static final String RESUME_DEADLINE = "job-work-interrupted";
    /** How often intake or results are asked for without an answer before the job fails. */
    static final int MAX_ASKS = 3;
    private static final Logger log = LoggerFactory.getLogger(JobPipelineSaga.class);

    private String jobId;
    private String userId;
    private String uploadKey;
    /** Kept until the list is read, to ask for the intake again. */
    private JobUploaded upload;
    /** Intake or results asked for, without an answer, since the last answer. */
    private int unansweredAsks;
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
    void on(JobUploaded event, IntakeRequests intakeRequests, DeadlineManager deadlines,
            PipelineProperties properties) {
        jobId = event.jobId();
        userId = event.userId();
        uploadKey = event.uploadKey();
        upload = event;
        unansweredAsks = 1;
        scheduleStallDeadline(deadlines, properties.stallTimeout());
        intakeRequests.request(event);
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(FileAccepted event, CommandGateway commands) {
        intake = event.intake();
        upload = null;
        unansweredAsks = 0;
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
        boolean shortOfCredits = event.reason() == SpendingRefusal.INSUFFICIENT_CREDITS;
        commands.sendAndWait(new RejectFile(jobId,
                shortOfCredits ? RejectionReason.INSUFFICIENT_CREDITS : RejectionReason.ACCOUNT_NOT_ALLOWED,
                shortOfCredits
                        ? "The list needs " + event.requested() + " credits; " + event.available() + " are available."
                        : "This account may not spend credits (" + event.reason().code() + ")."));
    }

    /** Nothing was reserved. */
    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(FileRejected event, DeadlineManager deadlines) {
        cancelStallDeadline(deadlines);
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(ValidationQueued event, CheckListChunks checkListChunks, DeadlineManager deadlines,
            PipelineProperties properties) throws IOException {
        for (int chunk = 0; chunk < intake.chunkCount(); chunk++) {
            pendingChunks.add(chunk);
        }
        scheduleStallDeadline(deadlines, properties.stallTimeout());
        checkListChunks.dispatch(jobId, userId, intake, pendingChunks);
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(ChunkValidated event, ResultsRequests results) {
        if (stopped || !pendingChunks.remove(event.chunkIndex())) {
            return;
        }
        counts = counts.plus(event.counts());
        billable += event.billable();
        if (pendingChunks.isEmpty()) {
            awaitedResults = Results.COMPLETE;
            unansweredAsks = 1;
            results.request(resultsRequest());
        }
    }

    /**
     * Nothing happened for a whole stall period: an intake or results asked for but not reported are asked for
     * again (and after {@value #MAX_ASKS} unanswered asks the job fails: the list makes every attempt fail);
     * otherwise, when no chunk finished, the outstanding chunks are dispatched again.
     */
    @DeadlineHandler(deadlineName = STALL_DEADLINE)
    void onStall(StallCheck check, IntakeRequests intakeRequests, CheckListChunks checkListChunks,
                 ResultsRequests results, CommandGateway commands, DeadlineManager deadlines,
                 PipelineProperties properties) throws IOException {
        stallDeadlineId = null; // this one has fired
        if (awaitingIntake() || awaitedResults != null) {
            if (unansweredAsks >= MAX_ASKS) {
                giveUpOnUnansweredWork(commands);
                return;
            }
            unansweredAsks++;
            log.warn("Job {}: {} not reported within the stall period; asking again ({} of {})", jobId,
                    awaitedWork(), unansweredAsks, MAX_ASKS);
            askAgain(intakeRequests, results);
        } else if (intake != null) {
            int done = intake.chunkCount() - pendingChunks.size();
            if (done == chunksDoneAtLastCheck && !pendingChunks.isEmpty()) {
                log.warn("Job {} stalled with {} chunks outstanding; dispatching them again", jobId,
                        pendingChunks.size());
                checkListChunks.dispatch(jobId, userId, intake, pendingChunks);
            }
            chunksDoneAtLastCheck = done;
        }
        scheduleStallDeadline(deadlines, properties.stallTimeout());
    }

    /**
     * A node restarted while this job was in flight: what it was doing in memory (reading the list, writing the
     * results, and on the embedded default the chunk queue itself) is gone, so it is asked for now rather than
     * after a stall period. Scheduled by {@link InterruptedJobs} when a node starts.
     */
    @DeadlineHandler(deadlineName = RESUME_DEADLINE)
    void onWorkInterrupted(WorkInterrupted interruption, IntakeRequests intakeRequests,
                           CheckListChunks checkListChunks, ResultsRequests results) throws IOException {
        if (awaitingIntake() || awaitedResults != null) {
            log.info("Job {}: asking again for the {} interrupted by a restart", jobId, awaitedWork());
            askAgain(intakeRequests, results);
        } else if (!stopped && intake != null && !pendingChunks.isEmpty() && interruption.chunkQueueLost()) {
            log.info("Job {}: dispatching the {} chunks lost with the restarted node's queue", jobId,
                    pendingChunks.size());
            checkListChunks.dispatch(jobId, userId, intake, pendingChunks);
        }
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(JobCompleted event, CommandGateway commands, DeadlineManager deadlines) {
        settleAndEnd(commands, deadlines, event.creditsCaptured());
    }

    /**
     * Cancelled while queued: the verdicts so far become partial results and are billed. Cancelled earlier:
     * whatever was reserved goes back (a reservation still in flight is released when it lands).
     */
    @SagaEventHandler(associationProperty = "jobId")
    void on(JobCancelled event, CommandGateway commands, DeadlineManager deadlines, ResultsRequests results) {
        stopped = true;
        if (event.cancelledIn() == JobStatus.QUEUED) {
            awaitedResults = Results.PARTIAL; // the stall deadline stays armed until they are reported
            unansweredAsks = 1;
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
        settleAndEnd(commands, deadlines, event.creditsCaptured());
    }

    /** The job is over and its results are in: capture what they used, release the rest. */
    private void settleAndEnd(CommandGateway commands, DeadlineManager deadlines, long creditsCaptured) {
        cancelStallDeadline(deadlines);
        settle(commands, creditsCaptured);
        SagaLifecycle.end();
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(JobFailed event, CommandGateway commands, DeadlineManager deadlines) {
        stopped = true;
        awaitedResults = null;
        upload = null;
        cancelStallDeadline(deadlines);
        if (!awaitingReservation()) {
            settle(commands, 0);
            SagaLifecycle.end();
        }
    }

    private ResultsRequests.Request resultsRequest() {
        // a cancelled job's partial results hold the chunks counted before the cancellation, not later ones
        List<Integer> counted = IntStream.range(0, intake.chunkCount())
                                         .filter(chunk -> !pendingChunks.contains(chunk)).boxed().toList();
        return new ResultsRequests.Request(jobId, userId, uploadKey, intake, counted, counts, billable,
                awaitedResults == Results.PARTIAL);
    }

    /** Credits were asked for (the file was accepted with something to pay) but no answer has arrived yet. */
    private boolean awaitingReservation() {
        return intake != null && intake.billable() > 0 && !reservationOpen;
    }

    private boolean awaitingIntake() {
        return upload != null && intake == null && !stopped;
    }

    /** What an ask is waiting for, for the log: the list read, or the results written. */
    private String awaitedWork() {
        return awaitingIntake() ? "intake" : "results";
    }

    private void askAgain(IntakeRequests intakeRequests, ResultsRequests results) {
        if (awaitingIntake()) {
            intakeRequests.request(upload);
        } else {
            results.request(resultsRequest());
        }
    }

    /**
     * Every ask went unanswered: the work dies with whoever does it (a list that exhausts a node, say). A finished
     * job fails and releases its credits; a cancelled one settles what was verdicted, without a file.
     */
    private void giveUpOnUnansweredWork(CommandGateway commands) {
        log.error("Job {}: {} asked for {} times without an answer; giving up", jobId, awaitedWork(),
                unansweredAsks);
        if (awaitedResults == Results.PARTIAL) {
            commands.sendAndWait(new RecordPartialResults(jobId, counts, billable, null));
        } else {
            commands.sendAndWait(new FailJob(jobId, awaitingIntake()
                    ? "The list could not be read: every attempt was cut short. Nothing was charged."
                    : "The results file could not be written: every attempt was cut short. Nothing was charged."));
        }
    }

    private void scheduleStallDeadline(DeadlineManager deadlines, Duration timeout) {
        cancelStallDeadline(deadlines);
        stallDeadlineId = deadlines.schedule(timeout, STALL_DEADLINE, new StallCheck(jobId));
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
