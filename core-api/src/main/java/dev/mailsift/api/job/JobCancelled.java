package dev.mailsift.api.job;

import java.time.Instant;

/** The job was stopped by its owner before completion. */
public record JobCancelled(String jobId, String userId, JobStatus cancelledIn, Instant cancelledAt) {
}
