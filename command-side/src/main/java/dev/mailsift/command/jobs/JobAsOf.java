package dev.mailsift.command.jobs;

import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.FileAccepted;
import dev.mailsift.api.job.FileRejected;
import dev.mailsift.api.job.JobCancelled;
import dev.mailsift.api.job.JobCompleted;
import dev.mailsift.api.job.JobFailed;
import dev.mailsift.api.job.JobStatus;
import dev.mailsift.api.job.JobUploaded;
import dev.mailsift.api.job.PartialResultsRecorded;
import dev.mailsift.api.job.ValidationQueued;

/**
 * A job folded from its events in order: the {@link BatchJob} aggregate's own event-sourcing handlers decide its
 * status, and each chunk's {@link ChunkValidated} adds its rows. Feed it the events up to an instant, then read it.
 */
public final class JobAsOf {

    private BatchJob job;
    private long rowsTotal;
    private int chunkCount;
    private int chunksValidated;
    private long rowsValidated;
    private long billable;

    public void apply(Object event) {
        switch (event) {
            case JobUploaded e -> {
                job = new BatchJob();
                job.on(e);
            }
            case FileAccepted e when job != null -> {
                job.on(e);
                rowsTotal = e.intake().billable();
            }
            case FileRejected e when job != null -> job.on(e);
            case ValidationQueued e when job != null -> {
                job.on(e);
                chunkCount = e.chunkCount();
            }
            case JobCompleted e when job != null -> job.on(e);
            case JobCancelled e when job != null -> job.on(e);
            case JobFailed e when job != null -> job.on(e);
            case PartialResultsRecorded e when job != null -> job.on(e);
            case ChunkValidated e when job != null -> {
                chunksValidated++;
                rowsValidated += e.rows();
                billable += e.billable();
            }
            default -> {
            }
        }
    }

    /** Whether the job existed yet. */
    public boolean uploaded() {
        return job != null;
    }

    public String userId() {
        return job.userId();
    }

    /** As the aggregate knew it; a queued job with verdicts recorded is validating, as its read model shows it. */
    public JobStatus status() {
        return job.status() == JobStatus.QUEUED && chunksValidated > 0 ? JobStatus.VALIDATING : job.status();
    }

    public long creditsReserved() {
        return job.creditsReserved();
    }

    public long addressesToVerify() {
        return rowsTotal;
    }

    public int chunkCount() {
        return chunkCount;
    }

    public int chunksValidated() {
        return chunksValidated;
    }

    public long rowsValidated() {
        return rowsValidated;
    }

    public long billableRows() {
        return billable;
    }

    public boolean partialResultsRecorded() {
        return job.partialResultsRecorded();
    }
}
