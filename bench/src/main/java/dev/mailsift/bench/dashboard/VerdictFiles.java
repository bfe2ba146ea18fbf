package dev.mailsift.bench.dashboard;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When each chunk's verdict file was written: the worker writes it ({@code <data-dir>/blobs/validation/in-progress/
 * <job>/verdicts/chunk-N.json}) only once the command recording the chunk's verdicts has returned, i.e. after their
 * transaction committed; the results writer deletes the files when the job completes. Their modification times,
 * read every 200 ms from the directory while the job runs, bound each chunk's commit from above, as the
 * {@code ChunkValidated}'s timestamp bounds it from below.
 */
final class VerdictFiles {

    private static final Pattern CHUNK = Pattern.compile("chunk-(\\d+)\\.json");

    private final Map<Integer, Double> written = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private Thread thread;

    static VerdictFiles watch(Path dataDir, String jobId) {
        VerdictFiles files = new VerdictFiles();
        Path directory = dataDir.resolve("blobs/validation/in-progress").resolve(jobId).resolve("verdicts");
        files.thread = Thread.ofPlatform().daemon().name("verdict-files").start(() -> {
            while (!files.stopped) {
                if (Files.isDirectory(directory)) {
                    try (DirectoryStream<Path> chunks = Files.newDirectoryStream(directory, "chunk-*.json")) {
                        for (Path chunk : chunks) {
                            Matcher name = CHUNK.matcher(chunk.getFileName().toString());
                            if (name.matches()) {
                                int index = Integer.parseInt(name.group(1));
                                if (!files.written.containsKey(index)) {
                                    FileTime modified = Files.getLastModifiedTime(chunk);
                                    files.written.put(index, modified.toInstant().toEpochMilli()
                                            + (modified.toInstant().getNano() % 1_000_000) / 1e6);
                                }
                            }
                        }
                    } catch (IOException gone) {
                        // deleted as the job completed, or between listing and reading
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return files;
    }

    void stop() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join();
    }

    /** Chunk index -> the epoch ms its file was written. */
    Map<Integer, Double> written() {
        return Map.copyOf(written);
    }
}
