package dev.mailsift.api.job;

import java.time.Instant;
import java.util.Map;

/**
 * Every address of a chunk has its verdict (the {@link RowValidated} events just before this one).
 *
 * @param reasons  verdicts by reason code
 * @param billable addresses of the chunk that are charged (neither unknown nor invalid)
 */
public record ChunkValidated(String jobId, String userId, int chunkIndex, int rows, VerdictCounts counts,
                             Map<String, Long> reasons, long billable, Instant validatedAt) {
}
