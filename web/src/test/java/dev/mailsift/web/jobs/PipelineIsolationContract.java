package dev.mailsift.web.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.api.job.JobUploaded;
import dev.mailsift.api.job.ValidationQueued;
import dev.mailsift.command.platform.blob.BlobKeys;
import dev.mailsift.command.platform.blob.BlobStore;
import dev.mailsift.engine.support.XlsxPackage;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.FailureTestSupport;
import dev.mailsift.web.support.TestAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link PipelineContract} proves, plus isolation: no list and no event can hold up other users' jobs. Each
 * test uploads a healthy list right behind the trouble and times it.
 */
abstract class PipelineIsolationContract extends PipelineContract {

    /** A one-address list takes 1–3 s here; the limit leaves room for a loaded machine, not for waiting on others. */
    private static final Duration ON_TIME = Duration.ofSeconds(20);
    private static final String HEALTHY = "email\nada@inbox-one.com\n";

    @Autowired
    EventStore eventStore;
    @Autowired
    BlobStore blobs;
    @Autowired
    MeterRegistry meters;

    @Test
    void hostileListsEndTheirOwnJobsWhileAnotherUsersListBehindThemCompletesOnTime() {
        String token = operatorWithCredits(20).token();
        String someoneElse = FailureTestSupport.confirmedCustomer(api, 5).token();
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("mailto.csv", upload(token, "mailto.csv",
                bytes("name,email\nBad,mailto:a%zzb@inbox-one.com\nAda,mailto:ada@inbox-one.com\n")));
        hostile.put("column-1.5e9.xlsx", upload(token, "column-1.5e9.xlsx",
                cellAtColumn(1_500_000_000L)));
        hostile.put("column-200m.xlsx", upload(token, "column-200m.xlsx",
                cellAtColumn(200_000_000L)));
        hostile.put("huge-cell.xlsx", upload(token, "huge-cell.xlsx", hugeTextCell(40_000_000)));

        Instant start = Instant.now();
        String healthy = upload(someoneElse, "healthy.csv", bytes(HEALTHY));
        JsonNode healthyJob = awaitFinished(someoneElse, healthy);
        assertThat(healthyJob.get("status").asText()).isEqualTo("completed");
        Duration took = Duration.between(start, Instant.now());
        System.out.printf("another user's list behind four hostile ones: completed in %.1f s%n", took.toMillis() / 1e3);
        assertThat(took).isLessThan(ON_TIME);

        JsonNode mailto = awaitFinished(token, hostile.get("mailto.csv"));
        assertThat(mailto.get("status").asText()).isEqualTo("completed");
        List<String> csv = api.get("/api/v1/jobs/" + hostile.get("mailto.csv") + "/results?format=csv", token)
                              .body().lines().toList();
        assertThat(csv.get(1)).contains(",undeliverable,bad_syntax,");
        assertThat(csv.get(2)).contains(",deliverable,accepted,");
        for (String workbook : List.of("column-1.5e9.xlsx", "column-200m.xlsx", "huge-cell.xlsx")) {
            JsonNode job = awaitFinished(token, hostile.get(workbook));
            assertThat(job.get("status").asText()).as(workbook).isEqualTo("rejected");
            assertThat(job.get("rejection_reason").asText()).as(workbook).isEqualTo("too_large");
            assertThat(job.get("credits_reserved").asLong()).as(workbook).isZero();
        }
    }

    /**
     * A saga handler that throws on every attempt (here: a job queued before its list was read, an event sequence
     * the aggregate would never produce, appended straight to the event store) fails that job alone, releases its
     * credits, and leaves a dead letter for operators; jobs behind it go on.
     */
    @Test
    void anEventTheSagaCannotHandleIsDeadLetteredAndFailsOnlyItsJob() throws Exception {
        String token = operatorWithCredits(5).token();
        String someoneElse = FailureTestSupport.confirmedCustomer(api, 5).token();
        String userId = api.get("/api/v1/account", token).json().get("id").asText();
        String jobId = UUID.randomUUID().toString();
        String uploadKey = BlobKeys.upload(jobId, ".csv");
        Path list = Files.createTempFile("mailsift-poison-", ".csv");
        Files.writeString(list, HEALTHY);
        blobs.put(uploadKey, list);
        Instant now = Instant.now();
        eventStore.publish(
                new GenericDomainEventMessage<>("BatchJob", jobId, 0,
                        new JobUploaded(jobId, userId, "poison.csv", uploadKey, 25, null, null, now)),
                new GenericDomainEventMessage<>("BatchJob", jobId, 1,
                        new ValidationQueued(jobId, userId, 0, 0, now)));

        Instant start = Instant.now();
        String healthy = upload(someoneElse, "healthy.csv", bytes(HEALTHY));
        assertThat(awaitFinished(someoneElse, healthy).get("status").asText()).isEqualTo("completed");
        Duration took = Duration.between(start, Instant.now());
        System.out.printf("another user's list behind a dead-lettered event: completed in %.1f s%n",
                took.toMillis() / 1e3);
        assertThat(took).isLessThan(ON_TIME);

        JsonNode poisoned = awaitFinished(token, jobId);
        assertThat(poisoned.get("status").asText()).isEqualTo("failed");
        assertThat(poisoned.get("detail").asText()).contains("error on our side");

        String admin = api.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
        JsonNode letters = api.get("/api/v1/admin/dead-letters", admin).json().get("letters");
        JsonNode letter = null;
        for (JsonNode candidate : letters) {
            if (jobId.equals(candidate.path("job_id").asText())) {
                letter = candidate;
            }
        }
        assertThat(letter).as(letters.toString()).isNotNull();
        assertThat(letter.get("processing_group").asText()).isEqualTo("JobPipelineSagaProcessor");
        assertThat(letter.get("event_type").asText()).isEqualTo(ValidationQueued.class.getName());
        assertThat(letter.get("attempts").asInt()).isEqualTo(3);
        assertThat(letter.get("retryable").asBoolean()).isFalse();
        assertThat(poisoned.get("detail").asText()).contains(letter.get("id").asText());

        Reply retry = api.post("/api/v1/admin/dead-letters/JobPipelineSagaProcessor/retry", admin, Map.of());
        assertThat(retry.status()).isEqualTo(409);
        // what /actuator/prometheus serves as mailsift_saga_dead_letters_total (tests do not export metrics)
        assertThat(meters.get("mailsift.saga.dead.letters").tag("processing_group", "JobPipelineSagaProcessor")
                         .counter().count()).isGreaterThanOrEqualTo(1);
    }

    /** One address in a cell at this 1-based column (1,500,000,000 in the workbook that stopped the pipeline). */
    private static byte[] cellAtColumn(long column) {
        return workbook(XlsxPackage.withSheet("<row r=\"1\"><c r=\"" + XlsxPackage.columnLetters(column)
                + "1\" t=\"inlineStr\"><is><t>ada@inbox-one.com</t></is></c></row>", null));
    }

    /** One text cell of {@code chars} characters that deflate about 150:1, under the zip-bomb ratio. */
    private static byte[] hugeTextCell(long chars) {
        String cellOpens = XlsxPackage.worksheet("").replace("</sheetData></worksheet>",
                "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>");
        return workbook(XlsxPackage.withSheet(XlsxPackage.withSparseText(cellOpens, chars,
                "</t></is></c></row></sheetData></worksheet>"), null));
    }

    private static byte[] workbook(XlsxPackage xlsx) {
        try {
            Path file = xlsx.writeTo(Files.createTempFile("mailsift-hostile-", ".xlsx"));
            try {
                return Files.readAllBytes(file);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String upload(String token, String name, byte[] content) {
        Reply submitted = api.upload("/api/v1/jobs", token, name, content, Map.of());
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        return submitted.json().get("id").asText();
    }
}
