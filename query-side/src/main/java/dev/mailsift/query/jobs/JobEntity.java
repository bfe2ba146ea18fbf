package dev.mailsift.query.jobs;

import dev.mailsift.api.job.JobStatus;
import dev.mailsift.api.job.RejectionReason;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One row per job in the {@code job_view} read model. */
@Entity
@Table(name = "job_view")
class JobEntity {

    @Id
    String id;
    @Column(name = "user_id", nullable = false)
    String userId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    JobStatus status;
    @Column(name = "file_name", nullable = false)
    String fileName;
    @Column(name = "rows_total", nullable = false)
    long rowsTotal;
    @Column(name = "rows_to_check", nullable = false)
    long rowsToCheck;
    @Column(name = "rows_done", nullable = false)
    long rowsDone;
    @Column(nullable = false)
    long duplicates;
    @Column(name = "count_deliverable", nullable = false)
    long deliverable;
    @Column(name = "count_undeliverable", nullable = false)
    long undeliverable;
    @Column(name = "count_risky", nullable = false)
    long risky;
    @Column(name = "count_unknown", nullable = false)
    long unknown;
    /** Verdicts by reason code, as a JSON object. */
    @Column(name = "reason_counts", nullable = false)
    String reasonCounts = "{}";
    @Column(name = "credits_reserved", nullable = false)
    long creditsReserved;
    @Column(name = "credits_captured", nullable = false)
    long creditsCaptured;
    @Enumerated(EnumType.STRING)
    @Column(name = "rejection_reason")
    RejectionReason rejectionReason;
    String detail;
    @Column(name = "results_csv_key")
    String resultsCsvKey;
    @Column(name = "results_xlsx_key")
    String resultsXlsxKey;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
    @Column(name = "finished_at")
    Instant finishedAt;

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
}
