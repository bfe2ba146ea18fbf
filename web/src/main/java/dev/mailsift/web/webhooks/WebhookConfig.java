package dev.mailsift.web.webhooks;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Outbound webhooks: settings and the address policy shared by registration and sending. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfig {

    /**
     * At the head: endpoints get only what happens after they were registered, so the history a first start would
     * stream past (every job's every row) is of no use to this processor.
     */
    @Bean
    ConfigurerModule webhookMessagesStartAtTheHead() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                WebhookMessages.PROCESSING_GROUP,
                (configuration, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken));
    }

    @Bean
    AddressPolicy webhookAddressPolicy(WebhookProperties properties) {
        return new AddressPolicy(properties.allowedPrivateNetworks());
    }
}
