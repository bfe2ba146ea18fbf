package dev.mailsift.web.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.mailsift.MailSiftApplication;
import dev.mailsift.query.jobs.JobProjection;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.EventLedger;
import dev.mailsift.web.support.HeldSmtp;
import dev.mailsift.web.support.RealServices;
import dev.mailsift.web.support.TestMailServer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.mailsift.web.support.FailureTestSupport.assertAllDeliverable;
import static dev.mailsift.web.support.FailureTestSupport.awaitBalance;
import static dev.mailsift.web.support.FailureTestSupport.awaitFinished;
import static dev.mailsift.web.support.FailureTestSupport.awaitJob;
import static dev.mailsift.web.support.FailureTestSupport.awaitReady;
import static dev.mailsift.web.support.FailureTestSupport.confirmedCustomer;
import static dev.mailsift.web.support.FailureTestSupport.job;
import static dev.mailsift.web.support.FailureTestSupport.rabbit;
import static dev.mailsift.web.support.FailureTestSupport.ready;
import static dev.mailsift.web.support.FailureTestSupport.resultsCsv;
import static dev.mailsift.web.support.FailureTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipeline's failure paths end to end on PostgreSQL and RabbitMQ: cancellation mid-run, a worker
 * that dies holding a chunk, a chunk delivered twice, and spenders racing for one balance. Throughout: no row is
 * lost or verdicted twice, no reservation is settled twice, no balance goes below zero.
 *
 * <p>The stall deadline is far away here, so whatever completes a job is the broker, not a re-dispatch
 * ({@link PipelineRestartTest} covers the deadline). Chunks are made slow by {@link HeldSmtp}, never by timing.
 */
@Tag("real-services")
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "MAILSIFT_AMQP_URL=" + RealServices.AMQP_URL)
class PipelineFailuresTest {

    static final String QUEUE = "mailsift.chunks.test-failures-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) throws Exception {
        RealServices.register(registry, "mailsift-failures-");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
        HeldSmtp.register(registry);
        registry.add("mailsift.pipeline.chunk-size", () -> "2");
        registry.add("mailsift.pipeline.worker-concurrency", () -> "2");
        registry.add("mailsift.pipeline.stall-timeout", () -> "PT10M");
        registry.add("mailsift.pipeline.chunk-queue", () -> QUEUE);
        registry.add("mailsift.pipeline.chunk-queue-expires", () -> "PT10M");
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    RabbitListenerEndpointRegistry listeners;
    @Autowired
    EventProcessingConfiguration processing;

    ApiClient api;
    EventLedger ledger;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        ledger = new EventLedger(dataSource);
    }

    @AfterEach
    void openEverything() {
        HeldSmtp.release();
        if (!listeners.isRunning()) {
            listeners.start();
        }
    }

    @Test
    void aJobCancelledMidRunStopsKeepsItsPartialResultsAndChargesOnlyTheRowsVerdictedBeforeIt() throws Exception {
        Session user = confirmedCustomer(api, 100);
        String token = user.token();
        HeldSmtp.hold();
        // chunk 0: two fast rows; chunks 1-3: held at the SMTP server until the test lets them go
        String jobId = upload(api, token, "cancel-me.csv", HeldSmtp.list("cancel", 2, 6));

        HeldSmtp.awaitHeld(2);   // both workers are inside a held chunk ...
        JsonNode running = awaitJob(api, token, jobId, job -> job.path("rows_done").asLong() == 2);
        assertThat(running.get("status").asText()).isEqualTo("validating");   // ... after chunk 0 finished

        Reply cancel = api.post("/api/v1/jobs/" + jobId + "/cancel", token, "");
        assertThat(cancel.status()).isEqualTo(202);
        JsonNode cancelled = awaitJob(api, token, jobId, job -> job.path("results_available").asBoolean());
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("rows_to_check").asLong()).isEqualTo(8);
        assertThat(cancelled.get("rows_done").asLong()).isEqualTo(2);
        assertThat(cancelled.get("counts").get("deliverable").asLong()).isEqualTo(2);
        assertThat(cancelled.get("credits_reserved").asLong()).isEqualTo(8);
        assertThat(cancelled.get("credits_captured").asLong()).isEqualTo(2);

        List<String> results = resultsCsv(api, token, jobId);
        assertThat(results).hasSize(9);
        assertThat(results.get(0)).startsWith("email,status,reason,");
        for (int row = 1; row <= 2; row++) {
            assertThat(results.get(row)).startsWith("fast-cancel-" + (row - 1) + "@" + HeldSmtp.DOMAIN
                    + ",deliverable,accepted,");
        }
        for (int row = 3; row <= 8; row++) {
            assertThat(results.get(row)).startsWith("held-cancel-" + (row - 1) + "@" + HeldSmtp.DOMAIN
                    + ",unknown,not_checked,");
        }
        awaitBalance(api, token, 98);
        assertThat(ledger.settlement(user.userId(), jobId)).isEqualTo(new EventLedger.Settlement(8, 2, 6));

        // the chunks still running or queued finish after the cancellation: recorded, but they change nothing
        HeldSmtp.release();
        await().atMost(Duration.ofSeconds(60))
               .until(() -> ledger.chunkEvents(jobId, "ChunkValidated") == 4 && ready(QUEUE) == 0);
        ledger.awaitProcessed(JobProjection.PROCESSING_GROUP, jobId);
        ledger.awaitProcessed("JobPipelineSagaProcessor", jobId);
        ledger.assertEveryRowVerdictedOnce(jobId, 8, 4);
        JsonNode after = job(api, token, jobId);
        assertThat(after.get("status").asText()).isEqualTo("cancelled");
        assertThat(after.get("rows_done").asLong()).isEqualTo(2);
        assertThat(after.get("counts")).isEqualTo(cancelled.get("counts"));
        assertThat(after.get("credits_captured").asLong()).isEqualTo(2);
        assertThat(resultsCsv(api, token, jobId)).isEqualTo(results);
        assertThat(ledger.settlement(user.userId(), jobId)).isEqualTo(new EventLedger.Settlement(8, 2, 6));
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(98);
        awaitBalance(api, token, 98);
    }

    /**
     * The saga lags behind the event stream (a busy or restarting node): chunks recorded after the cancellation are
     * already in the event store when it writes the partial results. They were not counted and are not charged, so
     * the results file must not carry their verdicts either.
     */
    @Test
    void chunksRecordedAfterTheCancellationAreNeitherInThePartialResultsNorCharged() throws Exception {
        Session user = confirmedCustomer(api, 100);
        String token = user.token();
        HeldSmtp.hold();
        String jobId = upload(api, token, "cancel-lagging.csv", HeldSmtp.list("lagging", 2, 4));
        HeldSmtp.awaitHeld(2);
        awaitJob(api, token, jobId, job -> job.path("rows_done").asLong() == 2);

        EventProcessor saga = processing.eventProcessor("JobPipelineSagaProcessor").orElseThrow();
        saga.shutDown();
        try {
            assertThat(api.post("/api/v1/jobs/" + jobId + "/cancel", token, "").status()).isEqualTo(202);
            HeldSmtp.release();
            await().atMost(Duration.ofSeconds(60)).until(() -> ledger.chunkEvents(jobId, "ChunkValidated") == 3);
        } finally {
            saga.start();
        }

        JsonNode cancelled = awaitJob(api, token, jobId, job -> job.path("results_available").asBoolean());
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("credits_captured").asLong()).isEqualTo(2);
        List<String> results = resultsCsv(api, token, jobId);
        assertThat(results).hasSize(7);
        assertThat(results.subList(1, 3)).allMatch(line -> line.contains(",deliverable,accepted,"));
        assertThat(results.subList(3, 7)).allMatch(line -> line.contains(",unknown,not_checked,"));
        awaitBalance(api, token, 98);
        assertThat(ledger.settlement(user.userId(), jobId)).isEqualTo(new EventLedger.Settlement(6, 2, 4));
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(98);
    }

    @Test
    void aChunkTakenByAWorkerThatDiesWithoutAcknowledgingIsRedeliveredAndRecordedOnce() throws Exception {
        Session user = confirmedCustomer(api, 50);
        listeners.stop();   // no worker of this node consumes: the dying one below gets a chunk for sure
        String jobId = upload(api, user.token(), "killed.csv", HeldSmtp.list("killed", 6, 0));
        awaitReady(QUEUE, 3);

        int taken;
        Connection dying = rabbit();
        Channel channel = dying.createChannel();
        channel.basicQos(1);
        GetResponse delivery = channel.basicGet(QUEUE, false);
        assertThat(delivery).isNotNull();
        assertThat(delivery.getEnvelope().isRedeliver()).isFalse();
        taken = JSON.readTree(delivery.getBody()).get("chunkIndex").asInt();
        assertThat(ready(QUEUE)).isEqualTo(2);
        dying.abort();   // the worker's process dies: no ack, no nack, the connection just goes
        awaitReady(QUEUE, 3);

        listeners.start();
        JsonNode job = awaitFinished(api, user.token(), jobId);
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("rows_done").asLong()).isEqualTo(6);
        assertThat(job.get("credits_captured").asLong()).isEqualTo(6);
        assertThat(ledger.events(jobId + "/" + taken, "ChunkValidated")).hasSize(1);
        ledger.assertEveryRowVerdictedOnce(jobId, 6, 3);
        assertAllDeliverable(resultsCsv(api, user.token(), jobId), 6);
        awaitBalance(api, user.token(), 44);   // the reservation is settled just after the job completes
        assertThat(ledger.settlement(user.userId(), jobId)).isEqualTo(new EventLedger.Settlement(6, 6, 0));
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(44);
    }

    @Test
    void everyChunkDeliveredTwiceIsRecordedOnceAndChargedOnce() throws Exception {
        Session user = confirmedCustomer(api, 50);
        listeners.stop();
        String jobId = upload(api, user.token(), "twice.csv", HeldSmtp.list("twice", 6, 0));
        awaitReady(QUEUE, 3);
        try (Connection connection = rabbit(); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            for (int i = 0; i < 3; i++) {
                GetResponse delivery = channel.basicGet(QUEUE, false);
                AMQP.BasicProperties properties = delivery.getProps();
                channel.basicPublish("", QUEUE, properties, delivery.getBody());
                channel.basicPublish("", QUEUE, properties, delivery.getBody());
                channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            }
            channel.waitForConfirmsOrDie(10_000);
        }
        assertThat(ready(QUEUE)).isEqualTo(6);

        listeners.start();   // two consumers: copies of one chunk may well be verified at the same time
        JsonNode job = awaitFinished(api, user.token(), jobId);
        assertThat(job.get("status").asText()).isEqualTo("completed");
        // every copy has been verified (each address asked twice) and none is still queued ...
        await().atMost(Duration.ofSeconds(60)).until(() -> ready(QUEUE) == 0 && java.util.stream.IntStream.range(0, 6)
                .allMatch(i -> HeldSmtp.SMTP.rcptCount("fast-twice-" + i + "@" + HeldSmtp.DOMAIN) >= 2));
        listeners.stop();   // ... and stopping waits for the last copies to finish recording
        listeners.start();
        ledger.assertEveryRowVerdictedOnce(jobId, 6, 3);
        ledger.awaitProcessed(JobProjection.PROCESSING_GROUP, jobId);
        JsonNode after = job(api, user.token(), jobId);
        assertThat(after.get("rows_done").asLong()).isEqualTo(6);
        assertThat(after.get("counts").get("deliverable").asLong()).isEqualTo(6);
        assertThat(after.get("credits_captured").asLong()).isEqualTo(6);
        awaitBalance(api, user.token(), 44);
        assertThat(ledger.settlement(user.userId(), jobId)).isEqualTo(new EventLedger.Settlement(6, 6, 0));
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(44);
    }

    @Test
    void twoListsRacingForOneBalanceOneRunsTheOtherIsRejectedAndNothingIsChargedForIt() throws Exception {
        Session user = confirmedCustomer(api, 10);
        String token = user.token();
        // each needs 6 of the 10 credits: both fit alone, not together
        List<String> jobIds = atOnce(List.of(
                () -> upload(api, token, "left.csv", HeldSmtp.list("left", 6, 0)),
                () -> upload(api, token, "right.csv", HeldSmtp.list("right", 6, 0))));

        List<JsonNode> jobs = jobIds.stream().map(id -> awaitFinished(api, token, id)).toList();
        assertThat(jobs).extracting(job -> job.get("status").asText())
                        .containsExactlyInAnyOrder("completed", "rejected");
        JsonNode completed = jobs.stream().filter(job -> job.get("status").asText().equals("completed")).findFirst()
                                 .orElseThrow();
        JsonNode rejected = jobs.stream().filter(job -> job.get("status").asText().equals("rejected")).findFirst()
                                .orElseThrow();
        assertThat(rejected.get("rejection_reason").asText()).isEqualTo("insufficient_credits");
        assertThat(rejected.get("credits_reserved").asLong()).isZero();
        assertThat(rejected.get("credits_captured").asLong()).isZero();
        assertThat(api.get("/api/v1/jobs/" + rejected.get("id").asText() + "/results", token).status())
                .isEqualTo(404);
        assertThat(ledger.chunkEvents(rejected.get("id").asText(), "RowValidated")).isZero();
        assertThat(ledger.settlement(user.userId(), rejected.get("id").asText()))
                .isEqualTo(new EventLedger.Settlement(0, 0, 0));

        assertThat(completed.get("credits_captured").asLong()).isEqualTo(6);
        awaitBalance(api, token, 4);
        ledger.assertEveryRowVerdictedOnce(completed.get("id").asText(), 6, 3);
        assertThat(ledger.settlement(user.userId(), completed.get("id").asText()))
                .isEqualTo(new EventLedger.Settlement(6, 6, 0));
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(4);
    }

    @Test
    void singleVerificationsAndAListRacingForOneBalanceSpendItExactlyAndNeverBelowZero() throws Exception {
        Session user = confirmedCustomer(api, 8);
        String token = user.token();
        List<Callable<String>> spenders = new ArrayList<>();
        spenders.add(() -> upload(api, token, "racer.csv", HeldSmtp.list("racer", 5, 0)));
        for (int i = 0; i < 12; i++) {
            String email = "fast-single-" + i + "@" + HeldSmtp.DOMAIN;
            spenders.add(() -> {
                Reply reply = api.post("/api/v1/verifications", token, Map.of("email", email));
                return reply.status() + (reply.status() == 200 ? ":" + reply.json().get("credits_charged").asLong()
                        : ":" + reply.json().get("type").asText());
            });
        }
        List<String> outcomes = atOnce(spenders);
        String jobId = outcomes.get(0);
        List<String> verifications = outcomes.subList(1, outcomes.size());
        assertThat(verifications).allMatch(outcome -> outcome.equals("200:1")
                || outcome.equals("402:urn:mailsift:problem:insufficient-credits"));
        long verified = verifications.stream().filter(outcome -> outcome.equals("200:1")).count();

        JsonNode job = awaitFinished(api, token, jobId);
        // 12 verifications and a 5-credit list want more than 8 credits: whoever comes first, all 8 are spent
        if (job.get("status").asText().equals("completed")) {
            assertThat(job.get("credits_captured").asLong()).isEqualTo(5);
            assertThat(verified).isEqualTo(3);
            ledger.assertEveryRowVerdictedOnce(jobId, 5, 3);
        } else {
            assertThat(job.get("status").asText()).isEqualTo("rejected");
            assertThat(job.get("rejection_reason").asText()).isEqualTo("insufficient_credits");
            assertThat(verified).isEqualTo(8);
        }
        awaitBalance(api, token, 0);
        assertThat(ledger.assertBalanced(user.userId())).isZero();
    }

    /** Runs the tasks at the same moment, one thread each; their results in order. */
    private static <T> List<T> atOnce(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
