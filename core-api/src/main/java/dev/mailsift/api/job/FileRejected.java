package dev.mailsift.api.job;

import java.time.Instant;

/** The job was turned away; nothing was charged. */
public record FileRejected(String jobId, String userId, RejectionReason reason, String detail,
                           Instant rejectedAt) {
}
