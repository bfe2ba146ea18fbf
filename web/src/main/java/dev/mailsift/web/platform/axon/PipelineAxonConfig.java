package dev.mailsift.web.platform.axon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon settings of the batch pipeline's saga. */
@Configuration(proxyBeanMethods = false)
class PipelineAxonConfig {

    static final String PIPELINE_SAGA_GROUP = "JobPipelineSagaProcessor";
    private static final Logger log = LoggerFactory.getLogger(PipelineAxonConfig.class);

    /** Loads a saga row {@code FOR UPDATE}, so two nodes never work on one job's saga at once. */
    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema();
    }

    /**
     * A failing saga handler is retried a few times by the processor (the database or broker briefly gone), then
     * its job is failed and the event dead-lettered: never skipped silently (a job and its reserved credits would be
     * stranded), never retried for ever (every other job would wait behind it). See {@link SagaFailurePolicy}.
     */
    @Bean
    ConfigurerModule pipelineSagaErrorHandling(SagaDeadLetters deadLetters, MeterRegistry meters,
                                               @Value("${mailsift.pipeline.saga-attempts:3}") int attempts) {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                PIPELINE_SAGA_GROUP, configuration -> new SagaFailurePolicy(PIPELINE_SAGA_GROUP, attempts,
                        deadLetters, configuration.commandGateway(), meters));
    }

    /**
     * How many sequences (jobs, accounts) wait in each projection's dead-letter queue, as
     * {@code mailsift_dead_letter_sequences}; read when scraped.
     */
    @Bean
    MeterBinder deadLetterSequences(EventProcessingConfiguration processing) {
        return meters -> processing.eventProcessors().keySet().forEach(group ->
                processing.deadLetterQueue(group).ifPresent(queue ->
                        Gauge.builder("mailsift.dead.letter.sequences", queue, SequencedDeadLetterQueue::amountOfSequences)
                             .tag("processing_group", group)
                             .description("Sequences parked in the dead-letter queue of a projection")
                             .register(meters)));
    }

    /**
     * The projections with a dead-letter queue log each letter as it is queued: one job's or account's events
     * wait there (the rest of its sequence behind it) while every other one moves on.
     */
    @Bean
    ConfigurerModule deadLetterLogging() {
        return configurer -> configurer.eventProcessing().registerDefaultDeadLetterPolicy(configuration ->
                (letter, cause) -> {
                    log.error("Dead-lettered {} {}: {}", letter.message().getPayloadType().getSimpleName(),
                            letter.message().getIdentifier(), String.valueOf(cause));
                    return Decisions.enqueue(cause);
                });
    }
}
