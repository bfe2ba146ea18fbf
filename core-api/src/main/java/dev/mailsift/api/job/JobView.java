package dev.mailsift.api.job;

import java.time.Instant;
import java.util.Map;

/**
 * A job as its owner sees it (dashboard, {@code GET /api/v1/jobs/{id}}, progress stream).
 *
 * @param rowsToCheck unique addresses to verify
 * @param rowsDone    unique addresses verified so far
 * @param reasons     verdicts by reason code
 * @param resultsXlsxKey a stored XLSX, only for jobs finished before decision 0050 (later ones: made from the CSV)
 */
public record JobView(String id, String userId, JobStatus status, String fileName, long rowsTotal,
                      long rowsToCheck, long rowsDone, long duplicates, VerdictCounts counts,
                      Map<String, Long> reasons, long creditsReserved, long creditsCaptured,
                      RejectionReason rejectionReason, String detail, boolean resultsAvailable,
                      String resultsCsvKey, String resultsXlsxKey, Instant createdAt, Instant updatedAt,
                      Instant finishedAt) {
}
