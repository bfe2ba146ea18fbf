package dev.mailsift.command.jobs;

import dev.mailsift.api.job.CompleteJob;
import dev.mailsift.api.job.FailJob;
import dev.mailsift.api.job.IntakeSummary;
import dev.mailsift.api.job.VerdictCounts;
import dev.mailsift.command.platform.blob.BlobKeys;
import dev.mailsift.command.platform.blob.FileSystemBlobStore;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The writer on real threads: one writer per job at a time, and no answer from a node that is stopping. */
class ResultsRequestsTest {

    private static final String UPLOAD = BlobKeys.upload("j1", ".csv");
    private static final IntakeSummary INTAKE = new IntakeSummary(1, 1, 0, 0, 1, true, 0, 1, 500,
            BlobKeys.checkList("j1"));

    @TempDir
    Path root;
    private final CountDownLatch uploadReadable = new CountDownLatch(1);
    private final AtomicInteger uploadReads = new AtomicInteger();
    private final List<Object> answers = new CopyOnWriteArrayList<>();
    private final EmbeddedEventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private ResultsRequests assembly;

    @BeforeEach
    void setUp() throws IOException {
        // reading the upload waits for the test: the write is "in progress" until then
        FileSystemBlobStore blobs = new FileSystemBlobStore(root) {
            @Override
            public InputStream open(String key) throws IOException {
                if (key.equals(UPLOAD)) {
                    uploadReads.incrementAndGet();
                    try {
                        uploadReadable.await();
                    } catch (InterruptedException e) {
                        throw new InterruptedIOException("stopped while reading the upload");
                    }
                }
                return super.open(key);
            }
        };
        blobs.put(UPLOAD, "email\nada@example.com\n".getBytes(StandardCharsets.UTF_8));
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        for (Class<?> answer : List.of(CompleteJob.class, FailJob.class)) {
            bus.subscribe(answer.getName(), command -> {
                answers.add(command.getPayload());
                return null;
            });
        }
        assembly = new ResultsRequests(new ResultsFileWriter(blobs, events, new ChunkVerdictFiles(blobs)),
                DefaultCommandGateway.builder().commandBus(bus).build(), new OnTheseThreads());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
        events.shutDown();
    }

    @Test
    void aJobsResultsAreWrittenOnceWhileTheyAreBeingWritten() {
        ResultsRequests.Request request = request();
        assembly.request(request);
        await().until(() -> uploadReads.get() == 1); // the CSV pass has started
        assembly.request(request);
        uploadReadable.countDown();

        await().until(() -> answers.size() == 1);
        assertThat(answers).singleElement().isInstanceOf(CompleteJob.class);
        assertThat(uploadReads).hasValue(1);
    }

    @Test
    void aWriteInterruptedByTheNodeStoppingIsNotReportedAsAFailure() throws InterruptedException {
        assembly.request(request());
        await().until(() -> uploadReads.get() >= 1);

        assembly.close();

        assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(answers).isEmpty();
    }

    /** The test's own pool, shut down when the assembly is closed, as the service's work queue is. */
    private final class OnTheseThreads implements OwnerExecutor, AutoCloseable {
        @Override
        public void execute(String owner, Runnable task) {
            threads.execute(task);
        }

        @Override
        public void close() {
            threads.shutdownNow();
        }
    }

    private static ResultsRequests.Request request() {
        return new ResultsRequests.Request("j1", "u1", UPLOAD, INTAKE, List.of(0), new VerdictCounts(0, 0, 0, 1), 0,
                false);
    }
}
