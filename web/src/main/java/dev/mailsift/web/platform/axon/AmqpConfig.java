package dev.mailsift.web.platform.axon;

import org.axonframework.eventhandling.EventBus;
import org.axonframework.extensions.amqp.AMQPProperties;
import org.axonframework.extensions.amqp.eventhandling.AMQPMessageConverter;
import org.axonframework.extensions.amqp.eventhandling.spring.SpringAMQPPublisher;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With RabbitMQ configured, axon-amqp publishes the events (all but row verdicts) to a durable topic exchange,
 * routed by the event's package (e.g. {@code dev.mailsift.api.user}), for other nodes and outside consumers to bind
 * queues to.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mailsift.amqp.enabled", havingValue = "true")
class AmqpConfig {

    @Bean
    TopicExchange eventsExchange(@Value("${axon.amqp.exchange}") String name) {
        return new TopicExchange(name, true, false);
    }

    /** axon-amqp's own publisher, set up as its auto-configuration would, fed {@link PublishedEvents} only. */
    @Bean(initMethod = "start", destroyMethod = "shutDown")
    SpringAMQPPublisher amqpBridge(EventBus events, ConnectionFactory connectionFactory,
                                   AMQPMessageConverter converter, AMQPProperties properties) {
        SpringAMQPPublisher publisher = new SpringAMQPPublisher(new PublishedEvents(events));
        publisher.setExchangeName(properties.getExchange());
        publisher.setConnectionFactory(connectionFactory);
        publisher.setMessageConverter(converter);
        switch (properties.getTransactionMode()) {
            case TRANSACTIONAL -> publisher.setTransactional(true);
            case PUBLISHER_ACK -> publisher.setWaitForPublisherAck(true);
            case NONE -> { }
        }
        return publisher;
    }
}
