package dev.mailsift.api.job;

import java.time.Instant;

/** One address of a job got its verdict. Appended many per unit of work, one chunk at a time. */
public record RowValidated(String jobId, int chunkIndex, RowVerdict verdict, Instant validatedAt) {
}
