package dev.mailsift.command.jobs;

import dev.mailsift.api.job.AcceptFile;
import dev.mailsift.api.job.CancelJob;
import dev.mailsift.api.job.CompleteJob;
import dev.mailsift.api.job.FailJob;
import dev.mailsift.api.job.FileAccepted;
import dev.mailsift.api.job.FileRejected;
import dev.mailsift.api.job.JobCancelled;
import dev.mailsift.api.job.JobCompleted;
import dev.mailsift.api.job.JobFailed;
import dev.mailsift.api.job.JobStatus;
import dev.mailsift.api.job.JobUploaded;
import dev.mailsift.api.job.PartialResultsRecorded;
import dev.mailsift.api.job.QueueValidation;
import dev.mailsift.api.job.RecordPartialResults;
import dev.mailsift.api.job.RejectFile;
import dev.mailsift.api.job.SubmitJob;
import dev.mailsift.api.job.ValidationQueued;
import dev.mailsift.command.RejectedCommandException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One uploaded list from upload to results. It decides the job's lifecycle; the verdicts themselves are recorded
 * on {@link ValidationChunk} aggregates so that workers never contend for this one.
 */
@Aggregate
public class BatchJob {

    private static final Set<JobStatus> CANCELLABLE = EnumSet.of(JobStatus.UPLOADED, JobStatus.ACCEPTED,
            JobStatus.QUEUED, JobStatus.VALIDATING);

    @AggregateIdentifier
    private String jobId;
    private String userId;
    private JobStatus status;
    private long creditsReserved;
    private boolean partialResultsRecorded;

    protected BatchJob() {
    }

    String userId() {
        return userId;
    }

    JobStatus status() {
        return status;
    }

    long creditsReserved() {
        return creditsReserved;
    }

    boolean partialResultsRecorded() {
        return partialResultsRecorded;
    }

    @CommandHandler
    public BatchJob(SubmitJob command, Clock clock) {
        if (command.jobId() == null || command.userId() == null || command.uploadKey() == null) {
            throw new RejectedCommandException("jobId, userId and uploadKey are required");
        }
        apply(new JobUploaded(command.jobId(), command.userId(), command.fileName(), command.uploadKey(),
                command.sizeBytes(), command.headerRow(), command.emailColumn(), clock.instant()));
    }

    @CommandHandler
    public void handle(AcceptFile command, Clock clock) {
        if (status != JobStatus.UPLOADED) {
            return;
        }
        apply(new FileAccepted(jobId, userId, command.intake(), clock.instant()));
    }

    @CommandHandler
    public void handle(RejectFile command, Clock clock) {
        if (status != JobStatus.UPLOADED && status != JobStatus.ACCEPTED) {
            return;
        }
        apply(new FileRejected(jobId, userId, command.reason(), command.detail(), clock.instant()));
    }

    @CommandHandler
    public void handle(QueueValidation command, Clock clock) {
        if (status != JobStatus.ACCEPTED) {
            return;
        }
        apply(new ValidationQueued(jobId, userId, command.creditsReserved(), 0, clock.instant()));
    }

    @CommandHandler
    public void handle(CompleteJob command, Clock clock) {
        if (status != JobStatus.QUEUED) {
            return;
        }
        long captured = capturable(command.creditsCaptured());
        // no stored XLSX: it is made from the CSV when asked for (docs/decisions/0050); older events name one
        apply(new JobCompleted(jobId, userId, command.counts(), captured, creditsReserved - captured,
                command.resultsCsvKey(), null, clock.instant()));
    }

    /** Only the owner may cancel; anyone else is told the job does not exist. */
    @CommandHandler
    public JobStatus handle(CancelJob command, Clock clock) {
        if (!userId.equals(command.requestedBy())) {
            throw new JobNotFoundException(jobId);
        }
        if (CANCELLABLE.contains(status)) {
            apply(new JobCancelled(jobId, userId, status, clock.instant()));
        }
        return status;
    }

    @CommandHandler
    public void handle(RecordPartialResults command, Clock clock) {
        if (status != JobStatus.CANCELLED || partialResultsRecorded) {
            return;
        }
        long captured = capturable(command.creditsCaptured());
        apply(new PartialResultsRecorded(jobId, userId, command.counts(), captured, creditsReserved - captured,
                command.resultsCsvKey(), null, clock.instant()));
    }

    @CommandHandler
    public void handle(FailJob command, Clock clock) {
        if (status.finished()) {
            return;
        }
        apply(new JobFailed(jobId, userId, status, command.reason(), clock.instant()));
    }

    /** Never more than was reserved: the rest of the reservation is released. */
    private long capturable(long requested) {
        return Math.max(0, Math.min(requested, creditsReserved));
    }

    @EventSourcingHandler
    void on(JobUploaded event) {
        jobId = event.jobId();
        userId = event.userId();
        status = JobStatus.UPLOADED;
    }

    @EventSourcingHandler
    void on(FileAccepted event) {
        status = JobStatus.ACCEPTED;
    }

    @EventSourcingHandler
    void on(FileRejected event) {
        status = JobStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(ValidationQueued event) {
        status = JobStatus.QUEUED;
        creditsReserved = event.creditsReserved();
    }

    @EventSourcingHandler
    void on(JobCompleted event) {
        status = JobStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(JobCancelled event) {
        status = JobStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(PartialResultsRecorded event) {
        partialResultsRecorded = true;
    }

    @EventSourcingHandler
    void on(JobFailed event) {
        status = JobStatus.FAILED;
    }
}
