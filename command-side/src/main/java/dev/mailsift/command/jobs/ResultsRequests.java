package dev.mailsift.command.jobs;

import dev.mailsift.api.job.CompleteJob;
import dev.mailsift.api.job.FailJob;
import dev.mailsift.api.job.IntakeSummary;
import dev.mailsift.api.job.RecordPartialResults;
import dev.mailsift.api.job.VerdictCounts;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * Writes a job's results off the event-processing thread and reports back with a command: {@code CompleteJob}
 * (or {@code FailJob}) for a finished job, {@code RecordPartialResults} for a cancelled one.
 *
 * <p>Why not in the saga's handler: a million-row list takes longer than Axon's handler time limit, and the saga
 * processor would stop every other job's pipeline while it wrote (docs/decisions/0022). Work that is lost with
 * the node is asked for again by the saga's stall deadline; a request for a job this node is still writing is
 * ignored, and the job aggregate ignores a second answer.
 */
public class ResultsRequests implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResultsRequests.class);

    private final ResultsFileWriter writer;
    private final AnsweredWork work;

    /** @param executor where the files are written, shared fairly between users; closed with this when closeable */
    public ResultsRequests(ResultsFileWriter writer, CommandGateway commands, OwnerExecutor executor) {
        this.writer = writer;
        this.work = new AnsweredWork("Results", commands, executor);
    }

    /**
     * Work in progress is dropped without an answer (an interrupted write is not a failed job): the saga's stall
     * deadline asks for it again after the restart.
     */
    @Override
    public void close() {
        work.close();
    }

    /**
     * What the results are for, and what to report when they are written.
     *
     * @param userId        whose job it is: each user's results are written one at a time
     * @param countedChunks the chunks counted in {@code counts} and {@code billable}: only their verdicts go in
     */
    public record Request(String jobId, String userId, String uploadKey, IntakeSummary intake,
                          List<Integer> countedChunks, VerdictCounts counts, long billable, boolean partial) {
    }

    /** Starts writing the results unless this node is already writing them. Called from a saga handler. */
    public void request(Request request) {
        // complete and partial results of one job may overlap (cancelled while its results were being written)
        String key = request.jobId() + (request.partial() ? "/partial" : "");
        work.start(key, request.userId(), request.jobId(), () -> write(request));
    }

    /** @return the answer, or null when the node is stopping */
    private Object write(Request request) {
        try {
            String csvKey = writer.write(request.jobId(), request.uploadKey(), request.intake(),
                    request.countedChunks());
            return request.partial()
                    ? new RecordPartialResults(request.jobId(), request.counts(), request.billable(), csvKey)
                    : new CompleteJob(request.jobId(), request.counts(), request.billable(), csvKey);
        } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // an error this list triggers ends this job's results, never the writer thread or other jobs
            if (work.stopping()) {
                return null;
            }
            log.error("Results of job {} could not be written", request.jobId(), e);
            // a cancelled job still settles what was verdicted, without a file; a finished one fails
            return request.partial()
                    ? new RecordPartialResults(request.jobId(), request.counts(), request.billable(), null)
                    : new FailJob(request.jobId(), "The results file could not be written.");
        }
    }
}
