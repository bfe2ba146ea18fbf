package dev.mailsift.query.jobs;

import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.JobCancelled;
import dev.mailsift.api.job.JobStatus;
import dev.mailsift.api.job.JobView;
import dev.mailsift.api.job.PartialResultsRecorded;
import dev.mailsift.api.job.ValidationQueued;
import dev.mailsift.api.job.VerdictCounts;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class JobProjectionTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final JobRepository jobs = mock(JobRepository.class);
    private final JobProjection projection = new JobProjection(jobs, mock(QueryUpdateEmitter.class));
    private final JobEntity job = new JobEntity("job-1", "user-1", "list.csv", NOW);

    JobProjectionTest() {
        job.validationQueued(new ValidationQueued("job-1", "user-1", 6, 3, NOW));
        when(jobs.findById("job-1")).thenReturn(Optional.of(job));
    }

    @Test
    void aChunkFinishingAfterTheCancellationChangesNeitherProgressNorCounts() {
        projection.on(chunk(0, new VerdictCounts(2, 0, 0, 0)));
        projection.on(new JobCancelled("job-1", "user-1", JobStatus.QUEUED, NOW.plusSeconds(1)));
        projection.on(new PartialResultsRecorded("job-1", "user-1", new VerdictCounts(2, 0, 0, 0), 2, 4,
                "results.csv", "results.xlsx", NOW.plusSeconds(2)));

        projection.on(chunk(1, new VerdictCounts(1, 1, 0, 0)));

        JobView view = job.toView();
        assertThat(view.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(view.rowsDone()).isEqualTo(2);
        assertThat(view.counts().deliverable()).isEqualTo(2);
        assertThat(view.counts().undeliverable()).isZero();
        assertThat(view.reasons()).isEqualTo(Map.of("accepted", 2L));
        assertThat(view.updatedAt()).isEqualTo(NOW.plusSeconds(2));
    }

    @Test
    void thePartialResultsCountsAreTheCancelledJobsFinalOnes() {
        projection.on(chunk(0, new VerdictCounts(2, 0, 0, 0)));
        projection.on(new JobCancelled("job-1", "user-1", JobStatus.QUEUED, NOW.plusSeconds(1)));

        projection.on(new PartialResultsRecorded("job-1", "user-1", new VerdictCounts(1, 0, 0, 1), 1, 5,
                "results.csv", null, NOW.plusSeconds(2)));

        JobView view = job.toView();
        assertThat(view.rowsDone()).isEqualTo(2);
        assertThat(view.counts().deliverable()).isEqualTo(1);
        assertThat(view.counts().unknown()).isEqualTo(1);
        assertThat(view.creditsCaptured()).isEqualTo(1);
    }

    @Test
    void aChunkIsCountedOnceAndTheViewNamesTheChunksItsCountsHold() {
        projection.on(chunk(0, new VerdictCounts(2, 0, 0, 0)));
        projection.on(chunk(2, new VerdictCounts(1, 1, 0, 0)));

        projection.on(chunk(0, new VerdictCounts(2, 0, 0, 0)));

        JobView view = job.toView();
        assertThat(view.rowsDone()).isEqualTo(4);
        assertThat(view.counts()).isEqualTo(new VerdictCounts(3, 1, 0, 0));
        assertThat(view.reasons()).isEqualTo(Map.of("accepted", 3L, "mailbox_not_found", 1L));
        assertThat(view.countsChunk(0)).isTrue();
        assertThat(view.countsChunk(1)).isFalse();
        assertThat(view.countsChunk(2)).isTrue();
        assertThat(view.chunksCounted().cardinality()).isEqualTo(2);
    }

    private static ChunkValidated chunk(int index, VerdictCounts counts) {
        Map<String, Long> reasons = counts.undeliverable() > 0
                ? Map.of("accepted", counts.deliverable(), "mailbox_not_found", counts.undeliverable())
                : Map.of("accepted", counts.deliverable());
        return new ChunkValidated("job-1", "user-1", index, (int) counts.total(), counts, reasons,
                counts.deliverable() + counts.undeliverable(), NOW.plusMillis(index));
    }
}
