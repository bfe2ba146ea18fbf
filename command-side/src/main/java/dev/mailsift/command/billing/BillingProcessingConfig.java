package dev.mailsift.command.billing;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The billing capability's policies (trial credits, grants for paid purchases) share one streaming processor: every
 * streaming processor reads the whole event store, a 100,000-row job included, so each one costs the pipeline.
 */
@Configuration(proxyBeanMethods = false)
public class BillingProcessingConfig {

    /** The billing policies' processing group; billing's mail in {@code web} joins it. */
    public static final String PROCESSING_GROUP = "billing";

    /**
     * At the head: the sign-up credits are for accounts confirmed from now on. A processor starting at the tail
     * would grant them to every account ever confirmed the first time a node with this code started.
     */
    @Bean
    ConfigurerModule billingPoliciesStartAtTheHead() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                PROCESSING_GROUP,
                (configuration, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken));
    }
}
