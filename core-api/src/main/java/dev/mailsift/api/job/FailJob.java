package dev.mailsift.api.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give up on a job after an error on our side; the reservation is released in full. */
public record FailJob(@TargetAggregateIdentifier String jobId, String reason) {
}
