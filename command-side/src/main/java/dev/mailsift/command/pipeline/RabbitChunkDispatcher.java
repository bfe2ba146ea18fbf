package dev.mailsift.command.pipeline;

import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** Publishes chunks to the durable {@code mailsift.chunks} queue, consumed by every worker node. */
public class RabbitChunkDispatcher implements ChunkDispatcher {

    public static final String QUEUE = "mailsift.chunks";

    private final RabbitTemplate rabbit;

    public RabbitChunkDispatcher(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    @Override
    public void dispatch(ChunkWork work) {
        rabbit.convertAndSend("", QUEUE, work);
    }
}
