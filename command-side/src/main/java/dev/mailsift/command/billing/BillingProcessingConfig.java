package dev.mailsift.command.billing;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where the billing capability's streaming processors start reading when they first run. */
@Configuration(proxyBeanMethods = false)
class BillingProcessingConfig {

    /**
     * At the head: the sign-up credits are for accounts confirmed from now on. A processor starting at the tail
     * would grant them to every account ever confirmed the first time a node with this code started.
     */
    @Bean
    ConfigurerModule signUpCreditsStartAtTheHead() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                SignUpCredits.PROCESSING_GROUP,
                (configuration, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken));
    }
}
