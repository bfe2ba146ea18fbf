package dev.mailsift.web.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Settings under {@code mailsift.webhooks}.
 *
 * @param allowedPrivateNetworks CIDR networks that endpoints may resolve to although they are private (loopback,
 *                               RFC 1918, ...); none by default
 * @param retrySchedule          the wait before each attempt: the first is after the message is made, each
 *                               next one after the previous attempt failed; its length is the number of attempts
 * @param jitter                 each wait is stretched or shrunk by up to this share, so retries spread out
 * @param timeout                how long one attempt may take (connect, send, answer)
 * @param secretOverlap          how long a rotated-out secret still signs messages
 * @param disableAfter           an endpoint whose every attempt failed for this long is disabled
 * @param pollInterval           how often each node looks for due messages
 * @param lease                  how long a node holds a claimed message before another may take it
 * @param senderThreads          threads per node that send
 * @param perEndpointConcurrency attempts in flight at once to one endpoint, per node
 * @param retention              messages settled (delivered, failed, dropped) longer ago than this are deleted with
 *                               their attempts; pending ones are kept whatever their age
 */
@ConfigurationProperties("mailsift.webhooks")
record WebhookProperties(List<String> allowedPrivateNetworks,
                         List<Duration> retrySchedule,
                         Double jitter,
                         Duration timeout,
                         Duration secretOverlap,
                         Duration disableAfter,
                         Duration pollInterval,
                         Duration lease,
                         Integer senderThreads,
                         Integer perEndpointConcurrency,
                         Duration retention) {

    static final List<Duration> STANDARD_SCHEDULE = List.of(Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10), Duration.ofHours(10));

    WebhookProperties {
        allowedPrivateNetworks = allowedPrivateNetworks == null ? List.of()
                : allowedPrivateNetworks.stream().map(String::strip).filter(cidr -> !cidr.isEmpty()).toList();
        retrySchedule = retrySchedule == null || retrySchedule.isEmpty() ? STANDARD_SCHEDULE : retrySchedule;
        jitter = jitter == null ? 0.1 : jitter;
        timeout = timeout == null ? Duration.ofSeconds(15) : timeout;
        secretOverlap = secretOverlap == null ? Duration.ofHours(24) : secretOverlap;
        disableAfter = disableAfter == null ? Duration.ofDays(5) : disableAfter;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        senderThreads = senderThreads == null ? 4 : senderThreads;
        perEndpointConcurrency = perEndpointConcurrency == null ? 2 : perEndpointConcurrency;
        retention = retention == null ? Duration.ofDays(30) : retention;
    }
}
