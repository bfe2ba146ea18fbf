package dev.mailsift.query.jobs;

import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.FileAccepted;
import dev.mailsift.api.job.FileRejected;
import dev.mailsift.api.job.FindJob;
import dev.mailsift.api.job.FindJobs;
import dev.mailsift.api.job.JobCancelled;
import dev.mailsift.api.job.JobCompleted;
import dev.mailsift.api.job.JobFailed;
import dev.mailsift.api.job.JobPage;
import dev.mailsift.api.job.JobUploaded;
import dev.mailsift.api.job.JobView;
import dev.mailsift.api.job.PartialResultsRecorded;
import dev.mailsift.api.job.ValidationQueued;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

import java.util.function.Consumer;

/**
 * Builds {@code job_view}: status, progress and counts by status and reason, updated chunk by chunk, and pushes
 * every change to subscribers of {@link FindJob} (the progress stream). Every query is scoped to the owner.
 */
@Component
@ProcessingGroup(JobProjection.PROCESSING_GROUP)
public class JobProjection {

    public static final String PROCESSING_GROUP = "jobs";

    private final JobRepository jobs;
    private final QueryUpdateEmitter updates;

    JobProjection(JobRepository jobs, QueryUpdateEmitter updates) {
        this.jobs = jobs;
        this.updates = updates;
    }

    @EventHandler
    void on(JobUploaded event) {
        if (!jobs.existsById(event.jobId())) {
            emit(jobs.save(new JobEntity(event.jobId(), event.userId(), event.fileName(), event.uploadedAt())));
        }
    }

    @EventHandler
    void on(FileAccepted event) {
        update(event.jobId(), job -> job.fileAccepted(event));
    }

    @EventHandler
    void on(FileRejected event) {
        update(event.jobId(), job -> job.fileRejected(event));
    }

    @EventHandler
    void on(ValidationQueued event) {
        update(event.jobId(), job -> job.validationQueued(event));
    }

    /**
     * Progress and counts of a running job, each chunk counted once. A chunk that finishes after the job was
     * cancelled or failed is recorded on its own aggregate but is not part of the job: its results file does not
     * carry it and it is not charged.
     */
    @EventHandler
    void on(ChunkValidated event) {
        jobs.findById(event.jobId()).filter(job -> !job.finished()).filter(job -> job.chunkValidated(event))
            .ifPresent(this::emit);
    }

    @EventHandler
    void on(JobCompleted event) {
        update(event.jobId(), job -> job.jobCompleted(event));
    }

    @EventHandler
    void on(JobCancelled event) {
        update(event.jobId(), job -> job.jobCancelled(event));
    }

    @EventHandler
    void on(PartialResultsRecorded event) {
        update(event.jobId(), job -> job.partialResultsRecorded(event));
    }

    @EventHandler
    void on(JobFailed event) {
        update(event.jobId(), job -> job.jobFailed(event));
    }

    @ResetHandler
    void onReset() {
        jobs.deleteAllInBatch();
    }

    @QueryHandler
    JobView handle(FindJob query) {
        return jobs.findByIdAndUserId(query.jobId(), query.userId()).map(JobEntity::toView).orElse(null);
    }

    @QueryHandler
    JobPage handle(FindJobs query) {
        var page = jobs.findByUserIdOrderByCreatedAtDescIdDesc(query.userId(),
                PageRequest.of(query.page(), query.size()));
        return new JobPage(page.map(JobEntity::toView).toList(), query.page(), query.size(), page.getTotalElements());
    }

    private void update(String jobId, Consumer<JobEntity> change) {
        jobs.findById(jobId).ifPresent(job -> {
            change.accept(job);
            emit(job);
        });
    }

    private void emit(JobEntity job) {
        JobView view = job.toView();
        updates.emit(FindJob.class,
                query -> query.jobId().equals(view.id()) && query.userId().equals(view.userId()), view);
    }
}
