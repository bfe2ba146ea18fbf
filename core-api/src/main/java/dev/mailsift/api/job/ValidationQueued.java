package dev.mailsift.api.job;

import java.time.Instant;

/** The job's chunks were queued for the workers, paid for by {@code creditsReserved}. */
public record ValidationQueued(String jobId, String userId, long creditsReserved, int chunkCount,
                               Instant queuedAt) {
}
