package dev.mailsift.api.job;

import java.time.Instant;

/** The job could not be finished because of an error on our side; nothing is charged. */
public record JobFailed(String jobId, String userId, JobStatus failedIn, String reason, Instant failedAt) {
}
