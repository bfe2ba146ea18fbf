package dev.mailsift.api.job;

/** A page of {@code userId}'s jobs, newest first; answered with a {@link JobPage}. */
public record FindJobs(String userId, int page, int size) {
}
