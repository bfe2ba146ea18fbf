package dev.mailsift.api.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Turn the job away before any work; {@code detail} is shown to the user. */
public record RejectFile(@TargetAggregateIdentifier String jobId, RejectionReason reason, String detail) {
}
