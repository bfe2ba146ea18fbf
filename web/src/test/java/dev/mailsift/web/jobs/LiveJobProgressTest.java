package dev.mailsift.web.jobs;

import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.JobStatus;
import dev.mailsift.api.job.JobView;
import dev.mailsift.api.job.VerdictCounts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.BitSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LiveJobProgressTest {

    private static final Instant QUEUED_AT = Instant.parse("2026-12-01T10:00:00Z");

    private final LiveJobProgress live = new LiveJobProgress();

    @Test
    void nothingIsShownBeforeTheReadModelsStateEvenForAChunkCommittedHere() {
        assertThat(live.committedHere(chunk(0, 2, 0))).isNull();

        JobView shown = live.readModel(readModel(JobStatus.QUEUED, 0, VerdictCounts.NONE, Map.of()));

        assertThat(shown.rowsDone()).isEqualTo(2);
        assertThat(shown.counts()).isEqualTo(new VerdictCounts(2, 0, 0, 0));
    }

    @Test
    void aChunkCommittedHereIsAddedToTheReadModelsCountsAtOnce() {
        live.readModel(readModel(JobStatus.QUEUED, 0, VerdictCounts.NONE, Map.of()));

        JobView shown = live.committedHere(chunk(0, 1, 1));

        assertThat(shown.status()).isEqualTo(JobStatus.VALIDATING);
        assertThat(shown.rowsDone()).isEqualTo(2);
        assertThat(shown.counts()).isEqualTo(new VerdictCounts(1, 1, 0, 0));
        assertThat(shown.reasons()).isEqualTo(Map.of("accepted", 1L, "mailbox_not_found", 1L));
        assertThat(shown.updatedAt()).isEqualTo(chunk(0, 1, 1).validatedAt());
        assertThat(shown.countsChunk(0)).isTrue();
    }

    @Test
    void aChunkTheReadModelCountsLaterIsNotAddedTwice() {
        live.readModel(readModel(JobStatus.VALIDATING, 0, VerdictCounts.NONE, Map.of()));
        live.committedHere(chunk(0, 2, 0));
        live.committedHere(chunk(1, 2, 0));

        JobView shown = live.readModel(readModel(JobStatus.VALIDATING, 2, new VerdictCounts(2, 0, 0, 0),
                Map.of("accepted", 2L), 0));

        assertThat(shown.rowsDone()).isEqualTo(4);
        assertThat(shown.counts()).isEqualTo(new VerdictCounts(4, 0, 0, 0));
        assertThat(shown.reasons()).isEqualTo(Map.of("accepted", 4L));
    }

    @Test
    void aChunkCommittedHereThatTheReadModelAlreadyCountsChangesNothing() {
        JobView counted = live.readModel(readModel(JobStatus.VALIDATING, 2, new VerdictCounts(2, 0, 0, 0),
                Map.of("accepted", 2L), 0));

        assertThat(live.committedHere(chunk(0, 2, 0))).isEqualTo(counted);
    }

    @Test
    void anOlderStateOfTheReadModelLosesNoChunkCommittedHere() {
        live.readModel(readModel(JobStatus.VALIDATING, 2, new VerdictCounts(2, 0, 0, 0), Map.of("accepted", 2L), 0));
        live.committedHere(chunk(1, 2, 0));

        // a poll answered before the read model counted chunk 0
        JobView shown = live.readModel(readModel(JobStatus.QUEUED, 0, VerdictCounts.NONE, Map.of()));

        assertThat(shown.rowsDone()).isEqualTo(4);
        assertThat(shown.status()).isEqualTo(JobStatus.VALIDATING);
    }

    @Test
    void aFinishedJobShowsTheReadModelsCountsOnlyWhateverWasCommittedHereAfter() {
        live.readModel(readModel(JobStatus.VALIDATING, 2, new VerdictCounts(2, 0, 0, 0), Map.of("accepted", 2L), 0));
        live.committedHere(chunk(1, 2, 0));

        JobView cancelled = readModel(JobStatus.CANCELLED, 2, new VerdictCounts(2, 0, 0, 0), Map.of("accepted", 2L),
                0);
        assertThat(live.readModel(cancelled)).isEqualTo(cancelled);
        assertThat(live.committedHere(chunk(2, 2, 0))).isEqualTo(cancelled);
    }

    @Test
    void aReadModelThatCountsRowsWithoutNamingItsChunksIsShownAlone() {
        // projected by a node of the version before the read model named its chunks
        JobView counted = live.readModel(readModel(JobStatus.VALIDATING, 2, new VerdictCounts(2, 0, 0, 0),
                Map.of("accepted", 2L)));

        assertThat(live.committedHere(chunk(0, 2, 0))).isEqualTo(counted);
    }

    @Test
    void moreRowsThanTheJobHasShowTheReadModelAlone() {
        JobView counted = live.readModel(readModel(JobStatus.VALIDATING, 4, new VerdictCounts(4, 0, 0, 0),
                Map.of("accepted", 4L), 0, 1));
        assertThat(live.committedHere(chunk(2, 2, 0)).rowsDone()).isEqualTo(6);

        assertThat(live.committedHere(chunk(3, 2, 0))).isEqualTo(counted);
    }

    @Test
    void aFinishedStateGetsThroughToTheStreamEvenWithFewerRowsThanShown() {
        JobProgressController.NeverBackwards neverBackwards = new JobProgressController.NeverBackwards();
        assertThat(neverBackwards.test(readModel(JobStatus.VALIDATING, 4, new VerdictCounts(4, 0, 0, 0),
                Map.of("accepted", 4L), 0, 1))).isTrue();

        assertThat(neverBackwards.test(readModel(JobStatus.VALIDATING, 2, new VerdictCounts(2, 0, 0, 0),
                Map.of("accepted", 2L), 0))).isFalse();
        assertThat(neverBackwards.test(readModel(JobStatus.CANCELLED, 2, new VerdictCounts(2, 0, 0, 0),
                Map.of("accepted", 2L), 0))).isTrue();
    }

    private static JobView readModel(JobStatus status, long rowsDone, VerdictCounts counts, Map<String, Long> reasons,
                                     int... chunksCounted) {
        BitSet chunks = new BitSet();
        for (int chunk : chunksCounted) {
            chunks.set(chunk);
        }
        return new JobView("job-1", "user-1", status, "list.csv", 8, 6, rowsDone, 2, counts, reasons, 6, 0, null,
                null, false, null, null, QUEUED_AT, QUEUED_AT, status.finished() ? QUEUED_AT : null, chunks);
    }

    private static ChunkValidated chunk(int index, long deliverable, long undeliverable) {
        VerdictCounts counts = new VerdictCounts(deliverable, undeliverable, 0, 0);
        Map<String, Long> reasons = undeliverable > 0
                ? Map.of("accepted", deliverable, "mailbox_not_found", undeliverable)
                : Map.of("accepted", deliverable);
        return new ChunkValidated("job-1", "user-1", index, (int) counts.total(), counts, reasons,
                deliverable + undeliverable, QUEUED_AT.plusSeconds(index + 1));
    }
}
