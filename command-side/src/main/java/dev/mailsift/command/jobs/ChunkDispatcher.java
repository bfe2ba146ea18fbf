package dev.mailsift.command.jobs;

/** Hands chunks of work to workers: RabbitMQ when configured, an in-process pool on the embedded default. */
public interface ChunkDispatcher {

    void dispatch(ChunkWork work);
}
