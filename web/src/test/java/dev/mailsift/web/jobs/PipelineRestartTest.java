package dev.mailsift.web.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.EventLedger;
import dev.mailsift.web.support.HeldSmtp;
import dev.mailsift.web.support.RealServices;
import dev.mailsift.web.support.TestNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.mailsift.web.support.FailureTestSupport.assertAllDeliverable;
import static dev.mailsift.web.support.FailureTestSupport.awaitBalance;
import static dev.mailsift.web.support.FailureTestSupport.awaitFinished;
import static dev.mailsift.web.support.FailureTestSupport.awaitJob;
import static dev.mailsift.web.support.FailureTestSupport.awaitReadyAtLeast;
import static dev.mailsift.web.support.FailureTestSupport.confirmedCustomer;
import static dev.mailsift.web.support.FailureTestSupport.rabbit;
import static dev.mailsift.web.support.FailureTestSupport.resultsCsv;
import static dev.mailsift.web.support.FailureTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline across the loss of a node and of chunks, on PostgreSQL and RabbitMQ: each test starts its own
 * nodes (application contexts) on a database and chunk queue of its own, and closes them.
 */
@Tag("real-services")
class PipelineRestartTest {

    private final String database = RealServices.freshDatabase();
    private final String queue = "mailsift.chunks.test-restart-" + UUID.randomUUID();
    private final Path dataDir;
    private ConfigurableApplicationContext node;

    PipelineRestartTest() throws Exception {
        dataDir = Files.createTempDirectory("mailsift-restart-pipeline-");
    }

    @AfterEach
    void stop() {
        HeldSmtp.release();
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aNodeRestartedMidJobResumesTheJobWhichCompletesWithEveryRowVerdictedOnceAndChargedOnce() {
        node = start("PT10M");
        ApiClient api = new ApiClient(TestNodes.port(node));
        Session user = confirmedCustomer(api, 100);
        HeldSmtp.hold();
        String jobId = upload(api, user.token(), "restart.csv", HeldSmtp.list("restart", 2, 6));
        // chunk 0 done, chunk 1 held in the node's only worker (unacknowledged), chunks 2-3 queued
        awaitJob(api, user.token(), jobId, job -> job.path("rows_done").asLong() == 2);
        HeldSmtp.awaitHeld(1);

        node.close();
        node = null;
        // the held chunk went back to the queue with the node's connection (a copy more does no harm: a chunk is
        // recorded once however often it comes, which the ledger checks below). Twice in CI it had not within 30 s
        // (2 ready); the wait outlasts the hold (90 s), in case it comes back only when the held worker lets go
        awaitReadyAtLeast(queue, 3, Duration.ofSeconds(100));
        HeldSmtp.release();

        node = start("PT10M");
        api = new ApiClient(TestNodes.port(node));
        JsonNode job = awaitFinished(api, user.token(), jobId);
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("rows_done").asLong()).isEqualTo(8);
        assertThat(job.get("counts").get("deliverable").asLong()).isEqualTo(8);
        assertThat(job.get("credits_captured").asLong()).isEqualTo(8);
        List<String> results = resultsCsv(api, user.token(), jobId);
        assertAllDeliverable(results, 8);

        awaitBalance(api, user.token(), 92);   // the reservation is settled just after the job completes
        EventLedger ledger = EventLedger.at(database);
        ledger.assertEveryRowVerdictedOnce(jobId, 8, 4);
        assertThat(ledger.settlement(user.userId(), jobId)).isEqualTo(new EventLedger.Settlement(8, 8, 0));
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(92);
    }

    @Test
    void chunksLostBeforeAnyWorkerGotThemAreDispatchedAgainByTheStallDeadline() throws Exception {
        node = start("PT3S");
        ApiClient api = new ApiClient(TestNodes.port(node));
        Session user = confirmedCustomer(api, 100);
        HeldSmtp.hold();
        // chunk 0 held in the only worker; chunks 1-3 wait in the queue ...
        String jobId = upload(api, user.token(), "lost.csv", HeldSmtp.list("lost", 0, 8));
        HeldSmtp.awaitHeld(1);
        awaitReadyAtLeast(queue, 3);   // (more if the deadline already sent them again: it may, it is short)
        // ... and are lost (as if the broker had never received them)
        try (Connection connection = rabbit(); Channel channel = connection.createChannel()) {
            assertThat(channel.queuePurge(queue).getMessageCount()).isGreaterThanOrEqualTo(3);
        }
        HeldSmtp.release();

        JsonNode job = awaitFinished(api, user.token(), jobId);
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("rows_done").asLong()).isEqualTo(8);
        assertThat(job.get("credits_captured").asLong()).isEqualTo(8);
        assertAllDeliverable(resultsCsv(api, user.token(), jobId), 8);
        awaitBalance(api, user.token(), 92);   // the reservation is settled just after the job completes
        EventLedger ledger = EventLedger.at(database);
        ledger.assertEveryRowVerdictedOnce(jobId, 8, 4);
        assertThat(ledger.settlement(user.userId(), jobId)).isEqualTo(new EventLedger.Settlement(8, 8, 0));
        assertThat(ledger.assertBalanced(user.userId())).isEqualTo(92);
    }

    /** A node on this test's database, data directory and chunk queue: one worker, chunks of 2. */
    private ConfigurableApplicationContext start(String stallTimeout) {
        Map<String, String> settings = TestNodes.realServicesSettings(dataDir, database, queue);
        settings.put("mailsift.pipeline.stall-timeout", stallTimeout);
        return TestNodes.start(settings);
    }
}
