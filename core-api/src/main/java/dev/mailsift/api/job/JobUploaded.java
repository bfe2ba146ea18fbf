package dev.mailsift.api.job;

import java.time.Instant;

/** A list was uploaded and stored under {@code uploadKey}; the pipeline starts from here. */
public record JobUploaded(String jobId, String userId, String fileName, String uploadKey, long sizeBytes,
                          Boolean headerRow, String emailColumn, Instant uploadedAt) {
}
