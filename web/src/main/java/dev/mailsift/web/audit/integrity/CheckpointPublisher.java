package dev.mailsift.web.audit.integrity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.command.platform.blob.BlobKeys;
import dev.mailsift.command.platform.blob.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Copies every signed checkpoint out of the database, in chain order, to the blob store
 * ({@code audit/checkpoints/<position>.json}, the same JSON as {@code GET /api/v1/audit/checkpoints/latest}): on S3, a
 * bucket the database's administrators need not control, and with Object Lock one nobody can rewrite. A checkpoint is
 * written once and never replaced, so a write-once bucket accepts it; {@code published_at} records that it was, so
 * those signed while the store was unreachable are written once it is back. Called by the sealer after each round,
 * outside its transaction.
 */
@Component
class CheckpointPublisher {

    private static final Logger log = LoggerFactory.getLogger(CheckpointPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Checkpoints written per round: a store's backlog (years of them after an upgrade) goes out over rounds. */
    private static final int PER_ROUND = 100;

    private final JdbcTemplate jdbc;
    private final BlobStore blobs;
    private final boolean enabled;
    private volatile boolean failing;

    CheckpointPublisher(JdbcTemplate jdbc, BlobStore blobs,
                        @Value("${mailsift.audit.publish-checkpoints:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.enabled = enabled;
    }

    /** Publishes the checkpoints not yet published; a failure is logged once and retried next round. */
    void publishPending() {
        if (!enabled) {
            return;
        }
        try {
            List<Checkpoint> pending = jdbc.execute((ConnectionCallback<List<Checkpoint>>) connection ->
                    new ChainTables(connection).unpublishedCheckpoints(PER_ROUND));
            for (Checkpoint checkpoint : pending) {
                String key = BlobKeys.auditCheckpoint(checkpoint.position());
                // another node may have written it first: the same signed bytes
                if (!blobs.exists(key)) {
                    blobs.put(key, JSON.writeValueAsString(checkpoint).getBytes(StandardCharsets.UTF_8));
                }
                jdbc.execute((ConnectionCallback<Void>) connection -> {
                    new ChainTables(connection).markPublished(checkpoint.position());
                    return null;
                });
            }
            if (!pending.isEmpty()) {
                log.info("Audit checkpoints through position {} published to {}", pending.getLast().position(),
                        blobs.describe());
            }
            failing = false;
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                log.warn("Publishing audit checkpoints to {} failed; retrying every round: {}", blobs.describe(),
                        e.toString());
                failing = true;
            }
        }
    }
}
