package dev.mailsift.api.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the outcome of a successful intake: the list is readable and priced. */
public record AcceptFile(@TargetAggregateIdentifier String jobId, IntakeSummary intake) {
}
