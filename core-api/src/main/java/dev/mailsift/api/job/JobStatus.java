package dev.mailsift.api.job;

/** What users see of a job: uploaded → accepted | rejected → queued → validating → completed | failed | cancelled. */
public enum JobStatus {
    UPLOADED, ACCEPTED, REJECTED, QUEUED, VALIDATING, COMPLETED, FAILED, CANCELLED;

    public boolean finished() {
        return this == REJECTED || this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
