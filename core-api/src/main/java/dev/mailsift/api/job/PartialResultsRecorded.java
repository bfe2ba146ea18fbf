package dev.mailsift.api.job;

import java.time.Instant;

/**
 * A cancelled job's partial results are downloadable; {@code creditsCaptured} were charged, the rest released.
 *
 * @param resultsXlsxKey as in {@link JobCompleted}: null since decision 0050
 */
public record PartialResultsRecorded(String jobId, String userId, VerdictCounts counts, long creditsCaptured,
                                     long creditsReleased, String resultsCsvKey, String resultsXlsxKey,
                                     Instant recordedAt) {
}
