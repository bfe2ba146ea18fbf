package dev.mailsift.api.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Credits are reserved: hand the chunks to the workers. */
public record QueueValidation(@TargetAggregateIdentifier String jobId, long creditsReserved) {
}
