package dev.mailsift.web.jobs;

import dev.mailsift.api.job.JobStatus;
import dev.mailsift.api.job.JobUploaded;
import dev.mailsift.api.job.JobView;
import dev.mailsift.api.job.VerdictCounts;

import java.time.Instant;
import java.util.Map;

/** The view of a job whose upload the read model has not caught up with yet. */
final class JobViews {

    private JobViews() {
    }

    /** The job as its upload event tells it: what a read answers when the read model is slower still. */
    static JobView uploaded(JobUploaded upload) {
        return new JobView(upload.jobId(), upload.userId(), JobStatus.UPLOADED, upload.fileName(), 0, 0, 0, 0,
                VerdictCounts.NONE, Map.of(), 0, 0, null, null, false, null, null, upload.uploadedAt(),
                upload.uploadedAt(), null, null);
    }

    static JobView justUploaded(String jobId, String userId, String fileName) {
        Instant now = Instant.now();
        return new JobView(jobId, userId, JobStatus.UPLOADED, fileName, 0, 0, 0, 0, VerdictCounts.NONE, Map.of(),
                0, 0, null, null, false, null, null, now, now, null, null);
    }
}
