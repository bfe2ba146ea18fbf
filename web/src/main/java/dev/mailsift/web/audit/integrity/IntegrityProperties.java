package dev.mailsift.web.audit.integrity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The audit chain's settings ({@code mailsift.audit.*}).
 *
 * @param sealInterval      how often a sealer looks for new events
 * @param sealBatch         events sealed per transaction
 * @param gapTimeout        how long a hole in the global positions may still be filled by a transaction in flight
 *                          before sealing passes it (Axon's own processors wait the same way)
 * @param checkpointEvery   a signed checkpoint after at most this many newly sealed events...
 * @param checkpointInterval ... or after this long, whichever comes first (only when something new was sealed)
 * @param signingKey        base64 of a 32-byte Ed25519 seed ({@code MAILSIFT_AUDIT_SIGNING_KEY}); empty: one derived
 *                          from the service secret
 */
@ConfigurationProperties("mailsift.audit")
record IntegrityProperties(@DefaultValue("1s") Duration sealInterval,
                           @DefaultValue("1000") int sealBatch,
                           @DefaultValue("60s") Duration gapTimeout,
                           @DefaultValue("10000") long checkpointEvery,
                           @DefaultValue("10m") Duration checkpointInterval,
                           @DefaultValue("") String signingKey) {

    IntegrityProperties {
        if (sealBatch < 1 || checkpointEvery < 1) {
            throw new IllegalArgumentException("mailsift.audit.seal-batch and checkpoint-every must be positive");
        }
    }
}
