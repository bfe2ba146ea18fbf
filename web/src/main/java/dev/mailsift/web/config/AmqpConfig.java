package dev.mailsift.web.config;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With RabbitMQ configured, axon-amqp publishes every event to a durable topic exchange, routed by the event's
 * package (e.g. {@code dev.mailsift.api.user}), for other nodes and outside consumers to bind queues to.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mailsift.amqp.enabled", havingValue = "true")
class AmqpConfig {

    @Bean
    TopicExchange eventsExchange(@Value("${axon.amqp.exchange}") String name) {
        return new TopicExchange(name, true, false);
    }
}
