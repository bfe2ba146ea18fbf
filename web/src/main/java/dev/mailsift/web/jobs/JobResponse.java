package dev.mailsift.web.jobs;

import dev.mailsift.api.job.JobView;
import dev.mailsift.api.job.VerdictCounts;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** A job as the API shows it (snake_case on the wire). */
record JobResponse(String id,
                   @Schema(allowableValues = {"uploaded", "accepted", "rejected", "queued", "validating",
                           "completed", "failed", "cancelled"}) String status, String fileName, long rowsTotal, long rowsToCheck, long rowsDone,
                   double progress, long duplicates, VerdictCounts counts, Map<String, Long> reasons,
                   long creditsReserved, long creditsCaptured, String rejectionReason, String detail,
                   boolean resultsAvailable, Instant createdAt, Instant updatedAt, Instant finishedAt) {

    static JobResponse of(JobView job) {
        double progress = job.rowsToCheck() == 0 ? 0 : Math.min(1.0, (double) job.rowsDone() / job.rowsToCheck());
        return new JobResponse(job.id(), lower(job.status()), job.fileName(), job.rowsTotal(), job.rowsToCheck(),
                job.rowsDone(), progress, job.duplicates(), job.counts(), job.reasons(), job.creditsReserved(),
                job.creditsCaptured(), job.rejectionReason() == null ? null : lower(job.rejectionReason()),
                job.detail(), job.resultsAvailable(), job.createdAt(), job.updatedAt(), job.finishedAt());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
