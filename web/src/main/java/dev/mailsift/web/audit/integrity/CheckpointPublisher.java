package dev.mailsift.web.audit.integrity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.command.platform.blob.BlobKeys;
import dev.mailsift.command.platform.blob.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Copies each new signed checkpoint out of the database, to the blob store ({@code audit/checkpoints/<position>.json},
 * the same JSON as {@code GET /api/v1/audit/checkpoints/latest}): on S3, a bucket the database's administrators need
 * not control, and with Object Lock one nobody can rewrite. Each checkpoint is written once and never replaced, so a
 * write-once bucket accepts it. Called by the sealer after each round, outside its transaction.
 */
@Component
class CheckpointPublisher {

    private static final Logger log = LoggerFactory.getLogger(CheckpointPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChainVerification chain;
    private final BlobStore blobs;
    private final boolean enabled;
    /** The newest checkpoint this node knows to be published; another node may have published it first. */
    private volatile long publishedThrough = -1;
    private volatile boolean failing;

    CheckpointPublisher(ChainVerification chain, BlobStore blobs,
                        @Value("${mailsift.audit.publish-checkpoints:true}") boolean enabled) {
        this.chain = chain;
        this.blobs = blobs;
        this.enabled = enabled;
    }

    /** Publishes the latest checkpoint unless it already is; a failure is logged once and retried next round. */
    void publishLatest() {
        if (!enabled) {
            return;
        }
        try {
            Optional<Checkpoint> latest = chain.lastCheckpoint();
            if (latest.isEmpty() || latest.get().position() <= publishedThrough) {
                return;
            }
            String key = BlobKeys.auditCheckpoint(latest.get().position());
            if (!blobs.exists(key)) {
                blobs.put(key, JSON.writeValueAsString(latest.get()).getBytes(StandardCharsets.UTF_8));
                log.info("Audit checkpoint through position {} published to {} as {}", latest.get().position(),
                        blobs.describe(), key);
            }
            publishedThrough = latest.get().position();
            failing = false;
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                log.warn("Publishing the latest audit checkpoint to {} failed; retrying every round: {}",
                        blobs.describe(), e.toString());
                failing = true;
            }
        }
    }
}
