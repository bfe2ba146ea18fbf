package dev.mailsift.api.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** After a cancellation: the verdicts gathered so far are written and billed. */
public record RecordPartialResults(@TargetAggregateIdentifier String jobId, VerdictCounts counts,
                                   long creditsCaptured, String resultsCsvKey) {
}
