package dev.mailsift.api.job;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * A worker's verdicts on one chunk. The chunk is its own aggregate ({@code chunkId} = jobId/chunkIndex), so
 * workers never queue behind one job's lock, and a chunk delivered twice is recorded once.
 */
public record RecordChunkVerdicts(@TargetAggregateIdentifier String chunkId, String jobId, String userId,
                                  int chunkIndex, List<RowVerdict> verdicts) {

    public static String chunkId(String jobId, int chunkIndex) {
        return jobId + "/" + chunkIndex;
    }
}
