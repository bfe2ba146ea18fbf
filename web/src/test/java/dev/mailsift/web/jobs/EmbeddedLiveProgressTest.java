package dev.mailsift.web.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.MailSiftApplication;
import dev.mailsift.query.jobs.JobProjection;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.EmbeddedTestProperties;
import dev.mailsift.web.support.HeldSmtp;
import dev.mailsift.web.support.TestMailServer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.mailsift.web.support.FailureTestSupport.awaitJob;
import static dev.mailsift.web.support.FailureTestSupport.confirmedCustomer;
import static dev.mailsift.web.support.FailureTestSupport.job;
import static dev.mailsift.web.support.FailureTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress stream on the node that commits the chunks (the embedded default: every chunk): a chunk moves the
 * stream as soon as it is committed, before the {@code jobs} read model counts it, and is never counted twice.
 * The read model is held still by stopping its processor.
 */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedLiveProgressTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedTestProperties.register(registry, Files.createTempDirectory("mailsift-live-progress-"));
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
        HeldSmtp.register(registry);
        registry.add("mailsift.pipeline.chunk-size", () -> "2");
    }

    @AfterEach
    void release() {
        HeldSmtp.release();
        jobsProcessor().start();
    }

    @Test
    void aChunkCommittedHereMovesTheStreamBeforeTheReadModelCountsItAndIsNeverCountedTwice() throws Exception {
        ApiClient api = new ApiClient(port);
        Session user = confirmedCustomer(api, 10);
        HeldSmtp.hold();
        // chunk 0 verified at once, chunk 1 held at the RCPT
        String jobId = upload(api, user.token(), "live.csv", HeldSmtp.list("live", 2, 2));
        awaitJob(api, user.token(), jobId, job -> job.path("rows_done").asLong() == 2);
        HeldSmtp.awaitHeld(1);
        jobsProcessor().shutDown();

        BlockingQueue<JsonNode> stream = follow(jobId, user.token());
        assertThat(next(stream).path("rows_done").asLong()).isEqualTo(2);
        HeldSmtp.release();

        JsonNode moved = next(stream);
        assertThat(moved.path("rows_done").asLong()).isEqualTo(4);
        assertThat(moved.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(moved.path("counts").path("deliverable").asLong()).isEqualTo(4);
        assertThat(moved.path("reasons").path("accepted").asLong()).isEqualTo(4);
        assertThat(job(api, user.token(), jobId).path("rows_done").asLong())
                .as("the read model stands still").isEqualTo(2);

        jobsProcessor().start();
        JsonNode last = moved;
        for (JsonNode state = next(stream); state != null; state = stream.poll(5, TimeUnit.SECONDS)) {
            last = state;
        }
        assertThat(last.path("status").asText()).isEqualTo("completed");
        assertThat(last.path("rows_done").asLong()).isEqualTo(4);
        assertThat(last.path("counts").path("deliverable").asLong()).isEqualTo(4);
        assertThat(last.path("reasons").path("accepted").asLong()).isEqualTo(4);
    }

    private StreamingEventProcessor jobsProcessor() {
        return processing.eventProcessor(JobProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                         .orElseThrow();
    }

    /** The stream's {@code data:} as they come, each the job as JSON. */
    private BlockingQueue<JsonNode> follow(String jobId, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs/" + jobId
                                                 + "/progress"))
                                         .header("Authorization", "Bearer " + token)
                                         .header("Accept", "text/event-stream").build();
        BlockingQueue<JsonNode> states = new LinkedBlockingQueue<>();
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                  .thenAccept(response -> CompletableFuture.runAsync(() -> response.body()
                          .filter(line -> line.startsWith("data:"))
                          .forEach(line -> states.add(read(line.substring("data:".length()))))));
        return states;
    }

    private static JsonNode next(BlockingQueue<JsonNode> stream) throws InterruptedException {
        JsonNode state = stream.poll(30, TimeUnit.SECONDS);
        assertThat(state).as("a progress event within 30 s").isNotNull();
        return state;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }
}
