package dev.mailsift.command.jobs;

import org.springframework.amqp.rabbit.annotation.RabbitListener;

/**
 * A worker: consumes chunks from the chunk queue, one unacknowledged at a time per consumer, so a node
 * killed mid-chunk has it redelivered to another. A chunk that fails is rejected without requeue; the pipeline
 * saga's stall deadline dispatches it again.
 */
public class RabbitChunkListener {

    private final ChunkWorker worker;

    RabbitChunkListener(ChunkWorker worker) {
        this.worker = worker;
    }

    @RabbitListener(queues = "#{@chunkQueue.name}",
            concurrency = "${mailsift.pipeline.worker-concurrency:4}")
    public void onChunk(ChunkWork work) {
        worker.process(work);
    }
}
