package dev.mailsift.command.jobs;

import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** Publishes chunks to the durable chunk queue ({@code mailsift.chunks}), consumed by every worker node. */
class RabbitChunkDispatcher implements ChunkDispatcher {

    private final RabbitTemplate rabbit;
    private final String queue;

    public RabbitChunkDispatcher(RabbitTemplate rabbit, String queue) {
        this.rabbit = rabbit;
        this.queue = queue;
    }

    @Override
    public void dispatch(ChunkWork work) {
        rabbit.convertAndSend("", queue, work);
    }
}
