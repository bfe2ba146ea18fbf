package dev.mailsift.command.jobs;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the batch pipeline ({@code mailsift.pipeline.*}).
 *
 * @param chunkSize         addresses per chunk of work
 * @param workerConcurrency chunks verified at once on this node
 * @param stallTimeout      how long a queued job may go without any chunk finishing before the outstanding
 *                          chunks are dispatched again
 * @param engine            how the verifier reaches DNS and SMTP
 * @param chunkQueue        the RabbitMQ queue of chunk work, shared by the nodes of one deployment
 * @param chunkQueueExpires when set, RabbitMQ deletes the queue after it has been unused this long (tests)
 */
@ConfigurationProperties("mailsift.pipeline")
public record PipelineProperties(int chunkSize, int workerConcurrency, Duration stallTimeout, Engine engine,
                                 String chunkQueue, Duration chunkQueueExpires) {

    public PipelineProperties {
        chunkQueue = chunkQueue == null || chunkQueue.isBlank() ? "mailsift.chunks" : chunkQueue;
        chunkSize = chunkSize <= 0 ? 500 : chunkSize;
        workerConcurrency = workerConcurrency <= 0 ? 4 : workerConcurrency;
        stallTimeout = stallTimeout == null ? Duration.ofMinutes(2) : stallTimeout;
        engine = engine == null ? new Engine(true, null, 25, null, null, null, null, 0) : engine;
    }

    /**
     * @param smtpProbe  whether mailboxes are probed over SMTP (off: syntax, lists and DNS only)
     * @param dnsServer  {@code HOST:PORT} of the resolver to ask; null: the system's
     * @param smtpPort   port MX hosts are probed on
     * @param heloName   name given in EHLO; null: the engine's default
     * @param mailFrom   envelope sender of probes; null: the engine's default
     * @param connectTimeout SMTP connect timeout; null: the engine's default
     * @param commandTimeout SMTP per-command timeout; null: the engine's default
     * @param maxConnectionsPerHost cap on concurrent connections to one MX host; 0: the engine's default
     */
    public record Engine(boolean smtpProbe, String dnsServer, int smtpPort, String heloName, String mailFrom,
                         Duration connectTimeout, Duration commandTimeout, int maxConnectionsPerHost) {
    }
}
