package dev.mailsift.command.jobs;

import dev.mailsift.command.platform.blob.BlobStore;
import dev.mailsift.command.platform.blob.FileSystemBlobStore;
import dev.mailsift.command.platform.blob.S3BlobStore;
import dev.mailsift.command.platform.blob.S3Properties;
import dev.mailsift.engine.EmailVerifier;
import dev.mailsift.engine.EmailVerifierBuilder;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.Jackson2JsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/**
 * Wires the pipeline's adapters: blob store (S3 or local disk), verifier, and the chunk queue (RabbitMQ or
 * in-process).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PipelineProperties.class, S3Properties.class})
class PipelineConfig {

    /**
     * S3 when a bucket is configured ({@code MAILSIFT_S3_BUCKET}), else local disk under the data directory. An S3
     * store is closed with the context (Spring infers {@code close()}); a missing bucket is created first unless
     * {@code MAILSIFT_S3_CREATE_BUCKET=false}, so a wrong endpoint or key fails the start, not the first upload.
     */
    @Bean
    @ConditionalOnMissingBean
    BlobStore blobStore(S3Properties s3, @Value("${mailsift.data-dir:./data}") String dataDir) {
        if (!s3.enabled()) {
            return new FileSystemBlobStore(Path.of(dataDir, "blobs"));
        }
        S3BlobStore store = new S3BlobStore(s3);
        try {
            return s3.createBucket() ? store.ensureBucket() : store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Two readers, at most one per user: a list's intake is CPU-bound, and one user's uploads must leave room for
     * everyone else's.
     */
    @Bean(destroyMethod = "close")
    IntakeRequests intakeRequests(ListIntake intake, CommandGateway commands) {
        return new IntakeRequests(intake, commands, new FairWorkQueue(2, "list-intake-"));
    }


    /**
     * Two writers, at most one per user: results are CPU-bound and a node also verifies; more would only queue for
     * the cores.
     */
    @Bean(destroyMethod = "close")
    ResultsRequests resultsAssembly(ResultsFileWriter writer, CommandGateway commands) {
        return new ResultsRequests(writer, commands,
                new FairWorkQueue(2, "results-writer-"));
    }

    @Bean(destroyMethod = "close")
    EmailVerifier emailVerifier(PipelineProperties properties) {
        PipelineProperties.Engine engine = properties.engine();
        EmailVerifierBuilder builder = EmailVerifier.builder()
                                                    .smtpProbe(engine.smtpProbe())
                                                    .smtpPort(engine.smtpPort());
        if (engine.dnsServer() != null && !engine.dnsServer().isBlank()) {
            builder.dnsServer(engine.dnsServer());
        }
        if (engine.heloName() != null && !engine.heloName().isBlank()) {
            builder.heloName(engine.heloName());
        }
        if (engine.mailFrom() != null && !engine.mailFrom().isBlank()) {
            builder.mailFrom(engine.mailFrom());
        }
        if (engine.connectTimeout() != null) {
            builder.connectTimeout(engine.connectTimeout());
        }
        if (engine.commandTimeout() != null) {
            builder.commandTimeout(engine.commandTimeout());
        }
        if (engine.maxConnectionsPerHost() > 0) {
            builder.maxConnectionsPerHost(engine.maxConnectionsPerHost());
        }
        return builder.build();
    }

    /** The embedded default's queue; the web module refuses to start it on a node without the worker role. */
    @Bean
    @ConditionalOnProperty(name = "mailsift.amqp.enabled", havingValue = "false", matchIfMissing = true)
    InProcessChunkDispatcher inProcessChunkDispatcher(ChunkWorker worker, PipelineProperties properties) {
        return new InProcessChunkDispatcher(worker, properties.workerConcurrency());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "mailsift.amqp.enabled", havingValue = "true")
    static class RabbitChunkQueue {

        @Bean
        Queue chunkQueue(PipelineProperties properties) {
            QueueBuilder queue = QueueBuilder.durable(properties.chunkQueue());
            if (properties.chunkQueueExpires() != null) {
                queue.expires((int) properties.chunkQueueExpires().toMillis());
            }
            return queue.build();
        }

        @Bean
        MessageConverter chunkMessageConverter() {
            return new Jackson2JsonMessageConverter();
        }

        @Bean
        RabbitChunkDispatcher rabbitChunkDispatcher(RabbitTemplate rabbit, Queue chunkQueue) {
            return new RabbitChunkDispatcher(rabbit, chunkQueue.getName());
        }

        /** Only on worker nodes ({@code MAILSIFT_ROLES}): without this bean no listener container consumes chunks. */
        @Bean
        @ConditionalOnProperty(name = "mailsift.role.worker", havingValue = "true", matchIfMissing = true)
        RabbitChunkListener rabbitChunkListener(ChunkWorker worker) {
            return new RabbitChunkListener(worker);
        }
    }
}
