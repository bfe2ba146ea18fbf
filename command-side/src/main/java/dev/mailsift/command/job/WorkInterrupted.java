package dev.mailsift.command.job;

/**
 * The payload of the deadline a starting node schedules for every job in flight (see {@link InterruptedJobs}).
 *
 * @param chunkQueueLost the chunk queue lived in the stopped process (the embedded default), so the job's
 *                       outstanding chunks are gone with it; a RabbitMQ queue keeps them
 */
public record WorkInterrupted(String jobId, boolean chunkQueueLost) {
}
