package dev.mailsift.query.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.FileAccepted;
import dev.mailsift.api.job.FileRejected;
import dev.mailsift.api.job.FindJob;
import dev.mailsift.api.job.FindJobs;
import dev.mailsift.api.job.JobCancelled;
import dev.mailsift.api.job.JobCompleted;
import dev.mailsift.api.job.JobFailed;
import dev.mailsift.api.job.JobPage;
import dev.mailsift.api.job.JobStatus;
import dev.mailsift.api.job.JobUploaded;
import dev.mailsift.api.job.JobView;
import dev.mailsift.api.job.PartialResultsRecorded;
import dev.mailsift.api.job.ValidationQueued;
import dev.mailsift.api.job.VerdictCounts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Builds {@code job_view}: status, progress and counts by status and reason, updated chunk by chunk, and pushes
 * every change to subscribers of {@link FindJob} (the progress stream). Every query is scoped to the owner.
 */
@Component
@ProcessingGroup(JobProjection.PROCESSING_GROUP)
public class JobProjection {

    public static final String PROCESSING_GROUP = "jobs";
    private static final TypeReference<TreeMap<String, Long>> REASONS = new TypeReference<>() {
    };

    private final JobRepository jobs;
    private final QueryUpdateEmitter updates;
    private final ObjectMapper json = new ObjectMapper();

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
        update(event.jobId(), event.acceptedAt(), job -> {
            job.status = JobStatus.ACCEPTED;
            job.rowsTotal = event.intake().rowsTotal();
            job.rowsToCheck = event.intake().uniqueAddresses();
            job.duplicates = event.intake().duplicates();
        });
    }

    @EventHandler
    void on(FileRejected event) {
        update(event.jobId(), event.rejectedAt(), job -> {
            job.status = JobStatus.REJECTED;
            job.rejectionReason = event.reason();
            job.detail = bounded(event.detail());
            job.finishedAt = event.rejectedAt();
        });
    }

    @EventHandler
    void on(ValidationQueued event) {
        update(event.jobId(), event.queuedAt(), job -> {
            job.status = JobStatus.QUEUED;
            job.creditsReserved = event.creditsReserved();
        });
    }

    /**
     * Progress and counts of a running job. A chunk that finishes after the job was cancelled or failed is recorded
     * on its own aggregate but is not part of the job: its results file does not carry it and it is not charged.
     */
    @EventHandler
    void on(ChunkValidated event) {
        updateUnfinished(event.jobId(), event.validatedAt(), job -> {
            if (job.status == JobStatus.QUEUED) {
                job.status = JobStatus.VALIDATING;
            }
            job.rowsDone += event.rows();
            VerdictCounts counts = event.counts();
            job.deliverable += counts.deliverable();
            job.undeliverable += counts.undeliverable();
            job.risky += counts.risky();
            job.unknown += counts.unknown();
            Map<String, Long> reasons = reasons(job);
            event.reasons().forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
            job.reasonCounts = write(reasons);
        });
    }

    @EventHandler
    void on(JobCompleted event) {
        update(event.jobId(), event.completedAt(), job -> {
            job.status = JobStatus.COMPLETED;
            job.creditsCaptured = event.creditsCaptured();
            job.resultsCsvKey = event.resultsCsvKey();
            job.resultsXlsxKey = event.resultsXlsxKey();
            job.finishedAt = event.completedAt();
        });
    }

    @EventHandler
    void on(JobCancelled event) {
        update(event.jobId(), event.cancelledAt(), job -> {
            job.status = JobStatus.CANCELLED;
            job.finishedAt = event.cancelledAt();
        });
    }

    /** The partial results' counts are the job's final ones: what its results file carries and what was charged. */
    @EventHandler
    void on(PartialResultsRecorded event) {
        update(event.jobId(), event.recordedAt(), job -> {
            VerdictCounts counts = event.counts();
            job.rowsDone = counts.total();
            job.deliverable = counts.deliverable();
            job.undeliverable = counts.undeliverable();
            job.risky = counts.risky();
            job.unknown = counts.unknown();
            job.creditsCaptured = event.creditsCaptured();
            job.resultsCsvKey = event.resultsCsvKey();
            job.resultsXlsxKey = event.resultsXlsxKey();
        });
    }

    @EventHandler
    void on(JobFailed event) {
        update(event.jobId(), event.failedAt(), job -> {
            job.status = JobStatus.FAILED;
            job.detail = bounded(event.reason());
            job.finishedAt = event.failedAt();
        });
    }

    @ResetHandler
    void onReset() {
        jobs.deleteAllInBatch();
    }

    @QueryHandler
    JobView handle(FindJob query) {
        return jobs.findByIdAndUserId(query.jobId(), query.userId()).map(this::toView).orElse(null);
    }

    @QueryHandler
    JobPage handle(FindJobs query) {
        var page = jobs.findByUserIdOrderByCreatedAtDescIdDesc(query.userId(),
                PageRequest.of(query.page(), query.size()));
        return new JobPage(page.map(this::toView).toList(), query.page(), query.size(), page.getTotalElements());
    }

    private void update(String jobId, Instant at, Consumer<JobEntity> change) {
        jobs.findById(jobId).ifPresent(job -> {
            change.accept(job);
            job.updatedAt = at;
            emit(job);
        });
    }

    private void updateUnfinished(String jobId, Instant at, Consumer<JobEntity> change) {
        jobs.findById(jobId).filter(job -> !job.status.finished()).ifPresent(job -> {
            change.accept(job);
            job.updatedAt = at;
            emit(job);
        });
    }

    private void emit(JobEntity job) {
        JobView view = toView(job);
        updates.emit(FindJob.class,
                query -> query.jobId().equals(view.id()) && query.userId().equals(view.userId()), view);
    }

    private JobView toView(JobEntity job) {
        return new JobView(job.id, job.userId, job.status, job.fileName, job.rowsTotal, job.rowsToCheck, job.rowsDone,
                job.duplicates, new VerdictCounts(job.deliverable, job.undeliverable, job.risky, job.unknown),
                reasons(job), job.creditsReserved, job.creditsCaptured, job.rejectionReason, job.detail,
                job.resultsCsvKey != null, job.resultsCsvKey, job.resultsXlsxKey, job.createdAt, job.updatedAt,
                job.finishedAt);
    }

    /** {@code job_view.detail} holds 1,000 characters; the full text stays in the event. */
    private static String bounded(String detail) {
        return detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 999) + "…";
    }

    private Map<String, Long> reasons(JobEntity job) {
        try {
            return json.readValue(job.reasonCounts, REASONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job_view.reason_counts is not a JSON object", e);
        }
    }

    private String write(Map<String, Long> reasons) {
        try {
            return json.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
