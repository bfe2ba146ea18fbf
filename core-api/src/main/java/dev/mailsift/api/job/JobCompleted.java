package dev.mailsift.api.job;

import java.time.Instant;

/**
 * The results are ready. {@code creditsCaptured} are charged, {@code creditsReleased} go back to the balance.
 *
 * @param resultsXlsxKey null since the XLSX is made from the CSV on request (decision 0050); older events name the
 *                       XLSX they stored
 */
public record JobCompleted(String jobId, String userId, VerdictCounts counts, long creditsCaptured,
                           long creditsReleased, String resultsCsvKey, String resultsXlsxKey,
                           Instant completedAt) {
}
