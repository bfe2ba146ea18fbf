package dev.mailsift.command.jobs;

import dev.mailsift.api.job.IntakeSummary;
import dev.mailsift.command.platform.blob.BlobStore;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Cuts a job's check list (one address per line) into chunks and dispatches the ones asked for. */
@Component
public class CheckListChunks {

    private final BlobStore blobs;
    private final ChunkDispatcher dispatcher;

    public CheckListChunks(BlobStore blobs, ChunkDispatcher dispatcher) {
        this.blobs = blobs;
        this.dispatcher = dispatcher;
    }

    /** Reads the check list once and dispatches every chunk whose index is in {@code chunks}. */
    public void dispatch(String jobId, String userId, IntakeSummary intake, Set<Integer> chunks) throws IOException {
        int size = intake.chunkSize();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(blobs.open(intake.checkListKey()), StandardCharsets.UTF_8))) {
            List<String> current = new ArrayList<>(size);
            long index = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                int chunkIndex = (int) (index / size);
                if (chunks.contains(chunkIndex)) {
                    current.add(line);
                    if (current.size() == size) {
                        dispatcher.dispatch(new ChunkWork(jobId, userId, chunkIndex, index - size + 1, current));
                        current = new ArrayList<>(size);
                    }
                }
                index++;
            }
            if (!current.isEmpty()) {
                int lastChunk = (int) ((index - 1) / size);
                dispatcher.dispatch(new ChunkWork(jobId, userId, lastChunk, (long) lastChunk * size, current));
            }
        }
    }
}
