package dev.mailsift.command.jobs;

import java.util.List;

/**
 * One chunk of a job's check list, as handed to a worker (over RabbitMQ as JSON, or in-process).
 *
 * @param firstIndex position of {@code addresses.get(0)} in the job's check list
 */
public record ChunkWork(String jobId, String userId, int chunkIndex, long firstIndex, List<String> addresses) {
}
