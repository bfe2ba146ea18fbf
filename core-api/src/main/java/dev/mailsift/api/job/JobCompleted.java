package dev.mailsift.api.job;

import java.time.Instant;

/**
 * The results are ready. {@code creditsCaptured} are charged, {@code creditsReleased} go back to the balance.
 */
public record JobCompleted(String jobId, String userId, VerdictCounts counts, long creditsCaptured,
                           long creditsReleased, String resultsCsvKey, String resultsXlsxKey,
                           Instant completedAt) {
}
