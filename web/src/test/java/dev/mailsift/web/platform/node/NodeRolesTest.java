package dev.mailsift.web.platform.node;

import dev.mailsift.command.jobs.RabbitChunkListener;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.EventLedger;
import dev.mailsift.web.support.HeldSmtp;
import dev.mailsift.web.support.RealServices;
import dev.mailsift.web.support.TestNodes;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.mailsift.web.support.FailureTestSupport.confirmedCustomer;
import static dev.mailsift.web.support.FailureTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes with different roles on one database and one chunk queue (PostgreSQL and RabbitMQ): chunks go only to
 * the worker, streaming processors and the saga run only where projections are, and the progress stream reaches
 * the finished job on an API node whether or not that node projects it.
 */
@Tag("real-services")
class NodeRolesTest {

    private final String database = RealServices.freshDatabase();
    private final String queue = "mailsift.chunks.test-roles-" + UUID.randomUUID();
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    /** Shared by the nodes, as a volume would be: uploads and results are files on the embedded blob store. */
    private final Path dataDir;

    NodeRolesTest() throws Exception {
        dataDir = Files.createTempDirectory("mailsift-roles-");
    }

    @AfterEach
    void stop() {
        nodes.reversed().forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aJobUploadedToAnApiAndProjectionsNodeIsVerifiedByTheWorkerNodeAndStreamedToCompletion() throws Exception {
        ConfigurableApplicationContext worker = start("worker");
        // alone on the database, the worker node neither created nor claimed any token, nor runs a streaming
        // processor (the saga's included)
        assertThat(tokens(worker)).isZero();
        assertNoStreamingProcessors(worker);
        assertThat(listenerContainers(worker)).isEqualTo(1);
        ApiClient workerHttp = new ApiClient(TestNodes.port(worker));
        assertThat(workerHttp.get("/api/v1/account", null).status()).isEqualTo(404);
        assertThat(workerHttp.get("/actuator/health", null).status()).isEqualTo(200);

        ConfigurableApplicationContext front = start("api,projections");
        assertThat(front.getBeanNamesForType(RabbitChunkListener.class)).isEmpty();
        assertThat(listenerContainers(front)).isZero();
        assertThat(front.getBean(EventProcessingConfiguration.class).eventProcessor("JobPipelineSagaProcessor"))
                .get().isInstanceOf(StreamingEventProcessor.class);

        ApiClient api = new ApiClient(TestNodes.port(front));
        Session user = confirmedCustomer(api, 100);
        String jobId = upload(api, user.token(), "roles.csv", HeldSmtp.list("roles", 6, 0));
        List<String> progress = progress(TestNodes.port(front), user.token(), jobId);

        assertThat(progress.getLast()).contains("\"status\":\"completed\"").contains("\"rows_done\":6");
        // every chunk was verified: by the worker node, the only consumer of the queue
        EventLedger.at(database).assertEveryRowVerdictedOnce(jobId, 6, 3);
        assertThat(tokens(worker)).isPositive();   // now the projections node's
    }

    @Test
    void theProgressStreamOfAnApiOnlyNodeAdvancesWithAJobProjectedOnAnotherNode() throws Exception {
        start("worker,projections");
        ConfigurableApplicationContext front = start("api");
        assertNoStreamingProcessors(front);
        assertThat(listenerContainers(front)).isZero();

        ApiClient api = new ApiClient(TestNodes.port(front));
        Session user = confirmedCustomer(api, 100);
        String jobId = upload(api, user.token(), "api-only.csv", HeldSmtp.list("api-only", 6, 0));
        // no subscription-query update is emitted in the API node's JVM: the stream advances by re-reading
        List<String> progress = progress(TestNodes.port(front), user.token(), jobId);

        assertThat(progress.getLast()).contains("\"status\":\"completed\"").contains("\"rows_done\":6");
    }

    /** The progress stream's {@code data:} lines until it ends (the job finished), at most 40 s. */
    private static List<String> progress(int port, String token, String jobId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                                                 URI.create("http://127.0.0.1:" + port + "/api/v1/jobs/" + jobId + "/progress"))
                                         .header("Authorization", "Bearer " + token)
                                         .header("Accept", "text/event-stream")
                                         .build();
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> dataLines(response.body()));
            try {
                List<String> data = lines.get(40, TimeUnit.SECONDS);
                assertThat(data).isNotEmpty();
                return data;
            } finally {
                response.body().close();
            }
        } finally {
            http.shutdownNow();   // close() would wait for a stream that never ended
        }
    }

    private static List<String> dataLines(InputStream body) {
        List<String> data = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data:")) {
                    data.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return data;
    }

    private static void assertNoStreamingProcessors(ConfigurableApplicationContext node) {
        assertThat(node.getBean(EventProcessingConfiguration.class).eventProcessors().values())
                .isNotEmpty()
                .noneMatch(StreamingEventProcessor.class::isInstance);
    }

    private static int tokens(ConfigurableApplicationContext node) {
        return node.getBean(JdbcTemplate.class).queryForObject("select count(*) from tokenentry", Integer.class);
    }

    private static int listenerContainers(ConfigurableApplicationContext node) {
        return node.getBean(RabbitListenerEndpointRegistry.class).getListenerContainers().size();
    }

    /** A node on this test's database and chunk queue with these roles: chunks of 2, one worker thread. */
    private ConfigurableApplicationContext start(String roles) {
        Map<String, String> settings = TestNodes.realServicesSettings(dataDir, database, queue);
        settings.put("mailsift.roles", roles);
        settings.put("spring.datasource.hikari.maximum-pool-size", "5");
        settings.put("mailsift.progress.poll-interval", "PT1S");
        ConfigurableApplicationContext node = TestNodes.start(settings);
        nodes.add(node);
        return node;
    }
}
