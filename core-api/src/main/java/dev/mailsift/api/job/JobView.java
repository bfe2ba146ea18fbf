package dev.mailsift.api.job;

import java.time.Instant;
import java.util.BitSet;
import java.util.Map;

/**
 * A job as its owner sees it (dashboard, {@code GET /api/v1/jobs/{id}}, progress stream).
 *
 * @param rowsToCheck unique addresses to verify
 * @param rowsDone    unique addresses verified so far
 * @param reasons     verdicts by reason code
 * @param resultsXlsxKey a stored XLSX, only for jobs finished before decision 0050 (later ones: made from the CSV)
 * @param chunksCounted the indexes of the chunks whose verdicts the counts hold (a copy; empty for jobs whose chunks
 *                      were counted before the read model kept them), so that a chunk seen elsewhere first is
 *                      never added twice
 */
public record JobView(String id, String userId, JobStatus status, String fileName, long rowsTotal,
                      long rowsToCheck, long rowsDone, long duplicates, VerdictCounts counts,
                      Map<String, Long> reasons, long creditsReserved, long creditsCaptured,
                      RejectionReason rejectionReason, String detail, boolean resultsAvailable,
                      String resultsCsvKey, String resultsXlsxKey, Instant createdAt, Instant updatedAt,
                      Instant finishedAt, BitSet chunksCounted) {

    public JobView {
        chunksCounted = chunksCounted == null ? new BitSet() : (BitSet) chunksCounted.clone();
    }

    @Override
    public BitSet chunksCounted() {
        return (BitSet) chunksCounted.clone();
    }

    public boolean countsChunk(int chunkIndex) {
        return chunksCounted.get(chunkIndex);
    }
}
