package dev.mailsift.command.platform.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where uploaded lists and results files live: {@code validation/uploaded/}, {@code validation/in-progress/},
 * {@code validation/completed/}. Keys are relative paths of safe characters only (see {@link BlobKeys}).
 */
public interface BlobStore {

    /** Stores the file's content under {@code key}, replacing any previous content. */
    void put(String key, Path file) throws IOException;

    /** Stores {@code content} under {@code key}, replacing any previous content. For small blobs. */
    default void put(String key, byte[] content) throws IOException {
        Path file = Files.createTempFile("mailsift-blob-", ".tmp");
        try {
            Files.write(file, content);
            put(key, file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Removes the content under {@code key}; nothing happens when there is none. */
    void delete(String key) throws IOException;

    /** Opens the content under {@code key}; the caller closes the stream. */
    InputStream open(String key) throws IOException;

    boolean exists(String key);

    /**
     * A time-limited URL a browser can download {@code key} from directly, when the store offers one (S3);
     * empty for stores that are streamed through the service (the local filesystem).
     */
    Optional<URI> downloadUrl(String key, String fileName, Duration validFor);

    /** A short name for the start-up report. */
    String describe();
}
