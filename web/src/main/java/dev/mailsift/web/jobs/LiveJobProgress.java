package dev.mailsift.web.jobs;

import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.JobStatus;
import dev.mailsift.api.job.JobView;
import dev.mailsift.api.job.VerdictCounts;

import java.time.Instant;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one progress stream shows: the {@code jobs} read model's latest state of the job, plus the chunks this node
 * has committed that the read model does not count yet. The read model says which chunks its counts hold, so a chunk
 * is added once: here until the read model counts it, then there. A finished job shows the read model's state only
 * (a chunk that ends after a cancel is not part of the job).
 */
final class LiveJobProgress {

    private JobView counted;
    private final Map<Integer, ChunkValidated> aheadOfReadModel = new TreeMap<>();

    /** @return what to show now, or null while no state of the job was read */
    synchronized JobView readModel(JobView state) {
        if (counted == null || !JobProgressController.NeverBackwards.behind(state, counted)) {
            counted = state;
            aheadOfReadModel.keySet().removeIf(state::countsChunk);
        }
        return shown();
    }

    /** @return what to show now, or null while no state of the job was read */
    synchronized JobView committedHere(ChunkValidated chunk) {
        if (counted == null || !counted.countsChunk(chunk.chunkIndex())) {
            aheadOfReadModel.put(chunk.chunkIndex(), chunk);
        }
        return shown();
    }

    private JobView shown() {
        if (counted == null || aheadOfReadModel.isEmpty() || counted.status().finished() || !namesItsChunks()) {
            return counted;
        }
        long rowsDone = counted.rowsDone();
        VerdictCounts counts = counted.counts();
        Map<String, Long> reasons = new TreeMap<>(counted.reasons());
        BitSet chunks = counted.chunksCounted();
        Instant updatedAt = counted.updatedAt();
        for (ChunkValidated chunk : aheadOfReadModel.values()) {
            rowsDone += chunk.rows();
            counts = counts.plus(chunk.counts());
            chunk.reasons().forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
            chunks.set(chunk.chunkIndex());
            updatedAt = chunk.validatedAt().isAfter(updatedAt) ? chunk.validatedAt() : updatedAt;
        }
        if (rowsDone > counted.rowsToCheck()) {
            return counted; // more rows than the job has: a chunk is counted twice, so trust the read model alone
        }
        // a read model behind the chunks may not have seen the job queued either
        JobStatus status = counted.status().compareTo(JobStatus.VALIDATING) < 0 ? JobStatus.VALIDATING
                : counted.status();
        return new JobView(counted.id(), counted.userId(), status, counted.fileName(), counted.rowsTotal(),
                counted.rowsToCheck(), rowsDone, counted.duplicates(), counts, reasons, counted.creditsReserved(),
                counted.creditsCaptured(), counted.rejectionReason(), counted.detail(), counted.resultsAvailable(),
                counted.resultsCsvKey(), counted.resultsXlsxKey(), counted.createdAt(), updatedAt,
                counted.finishedAt(), chunks);
    }

    /**
     * Whether the read model says which chunks it counts. One projected by a node of a version before it did (a
     * rolling upgrade) counts rows under an empty set: a chunk added here could be in its counts already.
     */
    private boolean namesItsChunks() {
        return counted.rowsDone() == 0 || !counted.chunksCounted().isEmpty();
    }
}
