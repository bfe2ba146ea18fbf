package dev.mailsift.query.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.FileAccepted;
import dev.mailsift.api.job.FileRejected;
import dev.mailsift.api.job.JobCancelled;
import dev.mailsift.api.job.JobCompleted;
import dev.mailsift.api.job.JobFailed;
import dev.mailsift.api.job.JobStatus;
import dev.mailsift.api.job.JobView;
import dev.mailsift.api.job.PartialResultsRecorded;
import dev.mailsift.api.job.RejectionReason;
import dev.mailsift.api.job.ValidationQueued;
import dev.mailsift.api.job.VerdictCounts;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row per job in the {@code job_view} read model. It changes only through methods named after the events that
 * change it, each of which also records when.
 */
@Entity
@Table(name = "job_view")
class JobEntity {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Long>> REASONS = new TypeReference<>() {
    };
    /** {@code job_view.detail} holds 1,000 characters; the full text stays in the event. */
    private static final int MAX_DETAIL = 1000;

    @Id
    private String id;
    @Column(name = "user_id", nullable = false)
    private String userId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobStatus status;
    @Column(name = "file_name", nullable = false)
    private String fileName;
    @Column(name = "rows_total", nullable = false)
    private long rowsTotal;
    @Column(name = "rows_to_check", nullable = false)
    private long rowsToCheck;
    @Column(name = "rows_done", nullable = false)
    private long rowsDone;
    @Column(nullable = false)
    private long duplicates;
    @Column(name = "count_deliverable", nullable = false)
    private long deliverable;
    @Column(name = "count_undeliverable", nullable = false)
    private long undeliverable;
    @Column(name = "count_risky", nullable = false)
    private long risky;
    @Column(name = "count_unknown", nullable = false)
    private long unknown;
    /** Verdicts by reason code, as a JSON object. */
    @Column(name = "reason_counts", nullable = false)
    private String reasonCounts = "{}";
    @Column(name = "credits_reserved", nullable = false)
    private long creditsReserved;
    @Column(name = "credits_captured", nullable = false)
    private long creditsCaptured;
    @Enumerated(EnumType.STRING)
    @Column(name = "rejection_reason")
    private RejectionReason rejectionReason;
    private String detail;
    @Column(name = "results_csv_key")
    private String resultsCsvKey;
    @Column(name = "results_xlsx_key")
    private String resultsXlsxKey;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    /** The indexes of the chunks the counts hold ({@link BitSet#toByteArray()}); null before the first. */
    @Column(name = "chunks_counted")
    private byte[] chunksCounted;

    protected JobEntity() {
    }

    JobEntity(String id, String userId, String fileName, Instant createdAt) {
        this.id = id;
        this.userId = userId;
        this.fileName = fileName;
        this.status = JobStatus.UPLOADED;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    String userId() {
        return userId;
    }

    boolean finished() {
        return status.finished();
    }

    void fileAccepted(FileAccepted event) {
        status = JobStatus.ACCEPTED;
        rowsTotal = event.intake().rowsTotal();
        rowsToCheck = event.intake().uniqueAddresses();
        duplicates = event.intake().duplicates();
        updatedAt = event.acceptedAt();
    }

    void fileRejected(FileRejected event) {
        status = JobStatus.REJECTED;
        rejectionReason = event.reason();
        detail = bounded(event.detail());
        finishedAt = updatedAt = event.rejectedAt();
    }

    void validationQueued(ValidationQueued event) {
        status = JobStatus.QUEUED;
        creditsReserved = event.creditsReserved();
        updatedAt = event.queuedAt();
    }

    /**
     * A chunk's verdicts add to the progress and the counts; the first one starts the validating phase.
     *
     * @return false, changing nothing, for a chunk the counts already hold
     */
    boolean chunkValidated(ChunkValidated event) {
        BitSet counted = chunksCounted();
        if (counted.get(event.chunkIndex())) {
            return false;
        }
        counted.set(event.chunkIndex());
        chunksCounted = counted.toByteArray();
        if (status == JobStatus.QUEUED) {
            status = JobStatus.VALIDATING;
        }
        rowsDone += event.rows();
        VerdictCounts counts = event.counts();
        deliverable += counts.deliverable();
        undeliverable += counts.undeliverable();
        risky += counts.risky();
        unknown += counts.unknown();
        Map<String, Long> reasons = reasons();
        event.reasons().forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
        reasonCounts = write(reasons);
        updatedAt = event.validatedAt();
        return true;
    }

    void jobCompleted(JobCompleted event) {
        status = JobStatus.COMPLETED;
        creditsCaptured = event.creditsCaptured();
        resultsCsvKey = event.resultsCsvKey();
        resultsXlsxKey = event.resultsXlsxKey();
        finishedAt = updatedAt = event.completedAt();
    }

    void jobCancelled(JobCancelled event) {
        status = JobStatus.CANCELLED;
        finishedAt = updatedAt = event.cancelledAt();
    }

    /** The partial results' counts are the job's final ones: what its results file carries and what was charged. */
    void partialResultsRecorded(PartialResultsRecorded event) {
        VerdictCounts counts = event.counts();
        rowsDone = counts.total();
        deliverable = counts.deliverable();
        undeliverable = counts.undeliverable();
        risky = counts.risky();
        unknown = counts.unknown();
        creditsCaptured = event.creditsCaptured();
        resultsCsvKey = event.resultsCsvKey();
        resultsXlsxKey = event.resultsXlsxKey();
        updatedAt = event.recordedAt();
    }

    void jobFailed(JobFailed event) {
        status = JobStatus.FAILED;
        detail = bounded(event.reason());
        finishedAt = updatedAt = event.failedAt();
    }

    JobView toView() {
        return new JobView(id, userId, status, fileName, rowsTotal, rowsToCheck, rowsDone, duplicates,
                new VerdictCounts(deliverable, undeliverable, risky, unknown), reasons(), creditsReserved,
                creditsCaptured, rejectionReason, detail, resultsCsvKey != null, resultsCsvKey, resultsXlsxKey,
                createdAt, updatedAt, finishedAt, chunksCounted());
    }

    private BitSet chunksCounted() {
        return chunksCounted == null ? new BitSet() : BitSet.valueOf(chunksCounted);
    }

    private static String bounded(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }

    private Map<String, Long> reasons() {
        try {
            return JSON.readValue(reasonCounts, REASONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job_view.reason_counts is not a JSON object", e);
        }
    }

    private static String write(Map<String, Long> reasons) {
        try {
            return JSON.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
