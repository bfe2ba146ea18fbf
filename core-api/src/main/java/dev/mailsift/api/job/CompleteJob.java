package dev.mailsift.api.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** All chunks are verdicted and the results file is written. */
public record CompleteJob(@TargetAggregateIdentifier String jobId, VerdictCounts counts, long creditsCaptured,
                          String resultsCsvKey) {
}
