package dev.mailsift.web.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon settings of the batch pipeline's saga. */
@Configuration(proxyBeanMethods = false)
class PipelineAxonConfig {

    /** Loads a saga row {@code FOR UPDATE}, so two nodes never work on one job's saga at once. */
    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema();
    }

    /**
     * A failing saga handler (the database or broker briefly gone) is retried by the processor rather than
     * logged and skipped: skipping would strand a job and its reserved credits.
     */
    @Bean
    ConfigurerModule pipelineSagaErrorHandling() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                "JobPipelineSagaProcessor", configuration -> PropagatingErrorHandler.instance());
    }
}
