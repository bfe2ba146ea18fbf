package dev.mailsift.api.job;

import java.time.Instant;

/** A cancelled job's partial results are downloadable; {@code creditsCaptured} were charged, the rest released. */
public record PartialResultsRecorded(String jobId, String userId, VerdictCounts counts, long creditsCaptured,
                                     long creditsReleased, String resultsCsvKey, String resultsXlsxKey,
                                     Instant recordedAt) {
}
