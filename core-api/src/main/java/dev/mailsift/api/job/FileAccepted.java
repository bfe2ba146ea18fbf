package dev.mailsift.api.job;

import java.time.Instant;

/** The list was read and priced at {@code intake.billable()} credits. */
public record FileAccepted(String jobId, String userId, IntakeSummary intake, Instant acceptedAt) {
}
