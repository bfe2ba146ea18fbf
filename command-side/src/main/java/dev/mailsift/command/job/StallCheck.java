package dev.mailsift.command.job;

/**
 * The payload of the pipeline saga's stall deadline. A deadline handler's first parameter is its payload, so the
 * deadline carries one (the job it watches) and the collaborators follow it.
 */
public record StallCheck(String jobId) {
}
