package dev.mailsift.api.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The owner stops the job; verdicts so far are kept and billed, the rest released. */
public record CancelJob(@TargetAggregateIdentifier String jobId, String requestedBy) {
}
