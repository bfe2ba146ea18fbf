package dev.mailsift.api.job;

/** One job of {@code userId}'s; answered with a {@link JobView}, or none when it is not theirs or not there. */
public record FindJob(String userId, String jobId) {
}
