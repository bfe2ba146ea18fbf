package dev.mailsift.api.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Start a job for a list already stored in the blob store.
 *
 * @param headerRow   override: whether the first row is a header (null: detect)
 * @param emailColumn override: the email column by name or 1-based number (null: detect)
 */
public record SubmitJob(@TargetAggregateIdentifier String jobId, String userId, String fileName,
                        String uploadKey, long sizeBytes, Boolean headerRow, String emailColumn) {
}
