package dev.mailsift.web.jobs;

import dev.mailsift.api.job.JobUploaded;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Whether a job was uploaded by a caller, asked of the event store (the job's first event), which knows a job the
 * moment its upload is answered: the read model may not have it yet. Used to tell "not projected yet, wait
 * briefly" from "not yours or no such job", which answers 404 at once.
 */
@Component
class UploadedJobs {

    private final EventStore events;

    UploadedJobs(EventStore events) {
        this.events = events;
    }

    boolean uploadedBy(String userId, String jobId) {
        return upload(userId, jobId).isPresent();
    }

    /** The job's upload, when the caller made it. */
    Optional<JobUploaded> upload(String userId, String jobId) {
        DomainEventStream stream = events.readEvents(jobId, 0);
        return stream.hasNext() && stream.next().getPayload() instanceof JobUploaded uploaded
                && uploaded.userId().equals(userId) ? Optional.of(uploaded) : Optional.empty();
    }
}
