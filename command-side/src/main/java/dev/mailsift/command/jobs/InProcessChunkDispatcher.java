package dev.mailsift.command.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The embedded default's work queue: a fixed pool of workers in this JVM. Work queued here is lost with the
 * process; the pipeline saga's stall deadline dispatches it again after a restart.
 */
public class InProcessChunkDispatcher implements ChunkDispatcher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InProcessChunkDispatcher.class);

    private final ChunkWorker worker;
    private final ExecutorService pool;

    public InProcessChunkDispatcher(ChunkWorker worker, int concurrency) {
        this.worker = worker;
        this.pool = Executors.newFixedThreadPool(concurrency, Thread.ofPlatform().name("chunk-worker-", 0).factory());
    }

    @Override
    public void dispatch(ChunkWork work) {
        pool.execute(() -> {
            try {
                worker.process(work);
            } catch (RuntimeException e) {
                log.warn("Chunk {} of job {} failed; the stall deadline will dispatch it again",
                        work.chunkIndex(), work.jobId(), e);
            }
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
