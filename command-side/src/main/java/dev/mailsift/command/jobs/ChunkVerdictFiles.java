package dev.mailsift.command.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.api.job.RowVerdict;
import dev.mailsift.command.platform.blob.BlobKeys;
import dev.mailsift.command.platform.blob.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

/**
 * A copy of each chunk's verdicts in the blob store, written by the worker whose command recorded them, so the
 * results file is assembled from a few files instead of replaying every {@code RowValidated} event
 * (docs/decisions/0022). The events stay the source of truth: a chunk without its file (its worker died after
 * the commit, or the write failed) is read from the event store instead.
 */
@Component
public class ChunkVerdictFiles {

    private static final Logger log = LoggerFactory.getLogger(ChunkVerdictFiles.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<RowVerdict>> VERDICTS = new TypeReference<>() {
    };

    private final BlobStore blobs;

    public ChunkVerdictFiles(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Only for verdicts that were just recorded by this worker's command (never for a redelivered chunk's). */
    void write(String jobId, int chunkIndex, List<RowVerdict> recorded) {
        try {
            blobs.put(BlobKeys.chunkVerdicts(jobId, chunkIndex), JSON.writeValueAsBytes(recorded));
        } catch (IOException | RuntimeException e) {
            log.warn("Verdicts of chunk {} of job {} were recorded but not copied to the blob store; the results "
                     + "will read them from the event store", chunkIndex, jobId, e);
        }
    }

    /**
     * @return the chunk's recorded verdicts, or empty when there is no copy (normal for the chunk that finished
     * last: its worker writes the copy after the commit) or it cannot be read now; either way the events answer
     */
    Optional<List<RowVerdict>> read(String jobId, int chunkIndex) {
        try (InputStream in = blobs.open(BlobKeys.chunkVerdicts(jobId, chunkIndex))) {
            return Optional.of(JSON.readValue(in, VERDICTS));
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.warn("Verdict copy of chunk {} of job {} is unreadable; reading its events instead", chunkIndex,
                    jobId, e);
            return Optional.empty();
        }
    }
}
