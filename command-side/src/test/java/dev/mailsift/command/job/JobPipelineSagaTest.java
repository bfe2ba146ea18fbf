package dev.mailsift.command.job;

import dev.mailsift.api.job.AcceptFile;
import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.CompleteJob;
import dev.mailsift.api.job.FailJob;
import dev.mailsift.api.job.FileAccepted;
import dev.mailsift.api.job.FileRejected;
import dev.mailsift.api.job.IntakeSummary;
import dev.mailsift.api.job.JobCancelled;
import dev.mailsift.api.job.JobCompleted;
import dev.mailsift.api.job.JobFailed;
import dev.mailsift.api.job.JobStatus;
import dev.mailsift.api.job.JobUploaded;
import dev.mailsift.api.job.PartialResultsRecorded;
import dev.mailsift.api.job.QueueValidation;
import dev.mailsift.api.job.RecordPartialResults;
import dev.mailsift.api.job.RejectFile;
import dev.mailsift.api.job.RejectionReason;
import dev.mailsift.api.job.RowValidated;
import dev.mailsift.api.job.RowVerdict;
import dev.mailsift.api.job.ValidationQueued;
import dev.mailsift.api.job.VerdictCounts;
import dev.mailsift.api.user.SpendingRefusal;
import dev.mailsift.api.user.CreditReservationRejected;
import dev.mailsift.api.user.CreditsReserved;
import dev.mailsift.api.user.ReserveCredits;
import dev.mailsift.api.user.SettleReservation;
import dev.mailsift.command.platform.blob.BlobKeys;
import dev.mailsift.command.platform.blob.FileSystemBlobStore;
import dev.mailsift.command.jobs.CheckListChunks;
import dev.mailsift.command.jobs.ChunkVerdictFiles;
import dev.mailsift.command.jobs.ChunkWork;
import dev.mailsift.command.jobs.IntakeRequests;
import dev.mailsift.command.jobs.ListIntake;
import dev.mailsift.command.jobs.PipelineProperties;
import dev.mailsift.command.jobs.ResultsFileWriter;
import dev.mailsift.command.jobs.ResultsRequests;
import dev.mailsift.command.jobs.RowVerdicts;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline saga with its real collaborators: intake and results writing on a filesystem blob store, the
 * results read back from an (in-memory) event store, chunks captured by a recording dispatcher.
 */
class JobPipelineSagaTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration STALL = Duration.ofMinutes(2);
    private static final String UPLOAD_KEY = BlobKeys.upload("j1", ".csv");
    private static final JobUploaded UPLOADED = new JobUploaded("j1", "u1", "list.csv", UPLOAD_KEY, 100, null, null,
            NOW);

    @TempDir
    Path blobRoot;
    private final List<ChunkWork> dispatched = new ArrayList<>();
    private final EmbeddedEventStore chunkEvents = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private SagaTestFixture<JobPipelineSaga> fixture;
    private FileSystemBlobStore blobs;

    @BeforeEach
    void setUp() throws IOException {
        blobs = new FileSystemBlobStore(blobRoot);
        store(UPLOAD_KEY, "name,email\nAda,ada@example.com\nBob,bob@example.com\nAda again,ADA@example.com\n"
                + "Junk,not-an-address@\nCy,cy@example.com\n");
        PipelineProperties properties = new PipelineProperties(2, 1, STALL, null, null, null);
        fixture = new SagaTestFixture<>(JobPipelineSaga.class);
        CommandGateway gateway = fixture.registerCommandGateway(CommandGateway.class);
        // read on the handler's thread here, so the answering command is among the handler's dispatched ones
        fixture.registerResource(new IntakeRequests(new ListIntake(blobs, properties), gateway, (owner, task) -> task.run()));
        fixture.registerResource(new CheckListChunks(blobs, dispatched::add));
        // written on the handler's thread here, so the answering command is among the handler's dispatched ones
        fixture.registerResource(new ResultsRequests(new ResultsFileWriter(blobs, chunkEvents,
                new ChunkVerdictFiles(blobs)), gateway, (owner, task) -> task.run()));
        fixture.registerResource(properties);
    }

    @AfterEach
    void tearDown() {
        chunkEvents.shutDown();
    }

    @Test
    void anUploadIsReadPricedAndAccepted() throws IOException {
        fixture.givenNoPriorActivity()
               .whenAggregate("j1").publishes(UPLOADED)
               .expectActiveSagas(1)
               .expectDispatchedCommands(new AcceptFile("j1", intake()));
        assertThat(read(BlobKeys.checkList("j1")))
                .isEqualTo("ada@example.com\nbob@example.com\nnot-an-address@\ncy@example.com\n");
    }

    @Test
    void anUnreadableUploadIsRejected() throws IOException {
        Files.write(blobRoot.resolve(UPLOAD_KEY), new byte[]{0, 1, 2, 3, (byte) 0xff, 0, 0, 7, 9, 0});
        fixture.givenNoPriorActivity()
               .whenAggregate("j1").publishes(UPLOADED)
               .expectDispatchedCommandsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                       org.axonframework.test.matchers.Matchers.messageWithPayload(
                               org.hamcrest.Matchers.instanceOf(RejectFile.class)),
                       org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void aListThatBreaksIntakeFailsItsOwnJobWithAReasonAPersonUnderstands() {
        ListIntake broken = new ListIntake(blobs, new PipelineProperties(2, 1, STALL, null, null, null)) {
            @Override
            public IntakeSummary inspect(JobUploaded upload) {
                throw new IllegalArgumentException("URLDecoder: Illegal hex characters in escape (%) pattern");
            }
        };
        fixture.registerResource(new IntakeRequests(broken, fixture.registerCommandGateway(CommandGateway.class),
                (owner, task) -> task.run()));
        fixture.givenNoPriorActivity()
               .whenAggregate("j1").publishes(UPLOADED)
               .expectDispatchedCommandsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                       org.axonframework.test.matchers.Matchers.messageWithPayload(org.hamcrest.Matchers.allOf(
                               org.hamcrest.Matchers.instanceOf(FailJob.class),
                               org.hamcrest.Matchers.hasToString(org.hamcrest.Matchers.containsString(
                                       "could not be read because of an error on our side")))),
                       org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void anIntakeThatNeverAnswersIsAskedAgainAndThenTheJobFails() {
        List<Runnable> asked = new ArrayList<>();
        // every ask is lost, as on a node that dies while it reads the list
        fixture.registerResource(new IntakeRequests(new ListIntake(blobs, new PipelineProperties(2, 1, STALL, null,
                null, null)), fixture.registerCommandGateway(CommandGateway.class), (owner, task) -> {
                    asked.add(task);
                    throw new java.util.concurrent.RejectedExecutionException("node gone");
                }));
        fixture.givenAggregate("j1").published(UPLOADED)
               .whenTimeElapses(STALL.plusSeconds(1))
               .expectNoDispatchedCommands()
               .expectScheduledDeadlineWithName(STALL.minusSeconds(1), JobPipelineSaga.STALL_DEADLINE);
        assertThat(asked).hasSize(2);
        fixture.whenTimeElapses(STALL.plusSeconds(1))
               .expectNoDispatchedCommands();
        assertThat(asked).hasSize(JobPipelineSaga.MAX_ASKS);
        fixture.whenTimeElapses(STALL.plusSeconds(1))
               .expectDispatchedCommands(new FailJob("j1",
                       "The list could not be read: every attempt was cut short. Nothing was charged."))
               .expectNoScheduledDeadlines();
    }

    @Test
    void aFailedIntakeEndsTheSagaWithNothingToSettle() {
        fixture.givenAggregate("j1").published(UPLOADED)
               .whenAggregate("j1").publishes(new JobFailed("j1", "u1", JobStatus.UPLOADED, "broken", NOW))
               .expectNoDispatchedCommands()
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }

    @Test
    void anAcceptedListReservesItsPrice() {
        fixture.givenAggregate("j1").published(UPLOADED)
               .whenAggregate("j1").publishes(new FileAccepted("j1", "u1", intake(), NOW))
               .expectAssociationWith("reservationId", "j1")
               .expectDispatchedCommands(new ReserveCredits("u1", "j1", 3));
    }

    @Test
    void reservedCreditsQueueTheJobAndARejectedReservationRejectsIt() {
        fixture.givenAggregate("j1").published(UPLOADED, new FileAccepted("j1", "u1", intake(), NOW))
               .whenAggregate("u1").publishes(new CreditsReserved("u1", "j1", 3, 7, 3, NOW))
               .expectDispatchedCommands(new QueueValidation("j1", 3));
        fixture.givenAggregate("j1").published(UPLOADED, new FileAccepted("j1", "u1", intake(), NOW))
               .whenAggregate("u1").publishes(new CreditReservationRejected("u1", "j1", 3, 1,
                       SpendingRefusal.INSUFFICIENT_CREDITS, NOW))
               .expectDispatchedCommands(new RejectFile("j1", RejectionReason.INSUFFICIENT_CREDITS,
                       "The list needs 3 credits; 1 are available."));
    }

    @Test
    void aRejectedFileEndsTheSaga() {
        fixture.givenAggregate("j1").published(UPLOADED)
               .whenAggregate("j1").publishes(new FileRejected("j1", "u1", RejectionReason.EMPTY_LIST, "empty", NOW))
               .expectActiveSagas(0);
    }

    @Test
    void queueingDispatchesEveryChunkAndArmsTheStallDeadline() {
        fixture.givenAggregate("j1").published(UPLOADED, new FileAccepted("j1", "u1", intake(), NOW))
               .andThenAggregate("u1").published(new CreditsReserved("u1", "j1", 3, 7, 3, NOW))
               .whenAggregate("j1").publishes(new ValidationQueued("j1", "u1", 3, 0, NOW))
               .expectScheduledDeadlineWithName(STALL, JobPipelineSaga.STALL_DEADLINE);
        assertThat(dispatched).extracting(ChunkWork::chunkIndex, ChunkWork::firstIndex, ChunkWork::addresses)
                              .containsExactly(
                                      org.assertj.core.groups.Tuple.tuple(0, 0L,
                                              List.of("ada@example.com", "bob@example.com")),
                                      org.assertj.core.groups.Tuple.tuple(1, 2L,
                                              List.of("not-an-address@", "cy@example.com")));
    }

    @Test
    void aStalledJobHasItsOutstandingChunksDispatchedAgain() {
        givenQueued();
        dispatched.clear();
        fixture.whenTimeElapses(STALL.plusSeconds(1))
               .expectTriggeredDeadlinesWithName(JobPipelineSaga.STALL_DEADLINE);
        assertThat(dispatched).extracting(ChunkWork::chunkIndex).containsExactly(0, 1);
    }

    @Test
    void aJobThatIsProgressingIsLeftAlone() {
        givenQueued()
            .andThenAggregate("j1/0").published(chunkValidated(0, new VerdictCounts(1, 1, 0, 0), 2));
        dispatched.clear();
        fixture.whenTimeElapses(STALL.plusSeconds(1));
        assertThat(dispatched).isEmpty();
    }

    @Test
    void theLastChunkWritesTheResultsAndCompletesTheJobOnce() throws IOException {
        appendFirstChunk();
        appendChunk(1, verdict(2, "not-an-address@", "undeliverable", "bad_syntax", false),
                verdict(3, "cy@example.com", "unknown", "greylisted", true));
        givenQueued()
            .andThenAggregate("j1/0").published(chunkValidated(0, new VerdictCounts(1, 1, 0, 0), 2))
            .whenAggregate("j1/1").publishes(chunkValidated(1, new VerdictCounts(0, 1, 0, 1), 0))
            .expectDispatchedCommands(new CompleteJob("j1", new VerdictCounts(1, 2, 0, 1), 2,
                    BlobKeys.resultsCsv("j1")))
            // armed until the completion is recorded: results lost with the node are asked for again
            .expectScheduledDeadlineWithName(STALL, JobPipelineSaga.STALL_DEADLINE);
        assertThat(read(BlobKeys.resultsCsv("j1")).lines().toList())
                .hasSize(6)
                .satisfies(lines -> {
                    assertThat(lines.get(1)).startsWith("Ada,ada@example.com,deliverable,accepted");
                    assertThat(lines.get(2)).startsWith("Bob,bob@example.com,undeliverable,mailbox_not_found");
                    assertThat(lines.get(3)).startsWith("Ada again,ADA@example.com,deliverable,accepted");
                    assertThat(lines.get(4)).startsWith("Junk,not-an-address@,undeliverable,bad_syntax");
                    assertThat(lines.get(5)).startsWith("Cy,cy@example.com,unknown,greylisted");
                });
    }

    @Test
    void resultsNotReportedWithinTheStallPeriodAreWrittenAgain() {
        appendFirstChunk();
        appendChunk(1, verdict(2, "not-an-address@", "undeliverable", "bad_syntax", false),
                verdict(3, "cy@example.com", "unknown", "greylisted", true));
        givenQueued()
            .andThenAggregate("j1/0").published(chunkValidated(0, new VerdictCounts(1, 1, 0, 0), 2))
            .andThenAggregate("j1/1").published(chunkValidated(1, new VerdictCounts(0, 1, 0, 1), 0));
        dispatched.clear();
        fixture.whenTimeElapses(STALL.plusSeconds(1))
               .expectTriggeredDeadlinesWithName(JobPipelineSaga.STALL_DEADLINE)
               .expectDispatchedCommands(new CompleteJob("j1", new VerdictCounts(1, 2, 0, 1), 2,
                       BlobKeys.resultsCsv("j1")));
        assertThat(dispatched).isEmpty();
    }

    @Test
    void aJobCancelledMidRunGetsPartialResultsFromTheChunksItCounted() throws IOException {
        appendFirstChunk();
        // recorded after the cancellation, before the saga got to it: not counted, not charged, not in the file
        appendChunk(1, verdict(2, "not-an-address@", "undeliverable", "bad_syntax", false),
                verdict(3, "cy@example.com", "deliverable", "accepted", true));
        givenQueued()
            .andThenAggregate("j1/0").published(chunkValidated(0, new VerdictCounts(1, 1, 0, 0), 2))
            .whenAggregate("j1").publishes(new JobCancelled("j1", "u1", JobStatus.QUEUED, NOW))
            .expectDispatchedCommands(new RecordPartialResults("j1", new VerdictCounts(1, 1, 0, 0), 2,
                    BlobKeys.resultsCsv("j1")))
            .expectActiveSagas(1);
        assertThat(read(BlobKeys.resultsCsv("j1")).lines().toList())
                .hasSize(6)
                .satisfies(lines -> {
                    assertThat(lines.get(1)).startsWith("Ada,ada@example.com,deliverable,accepted");
                    assertThat(lines.get(4)).startsWith("Junk,not-an-address@,unknown,not_checked");
                    assertThat(lines.get(5)).startsWith("Cy,cy@example.com,unknown,not_checked");
                });
    }

    @Test
    void recordedPartialResultsSettleWhatWasVerdictedAndEndTheSaga() {
        fixture.givenAggregate("j1").published(UPLOADED, new FileAccepted("j1", "u1", intake(), NOW))
               .andThenAggregate("u1").published(new CreditsReserved("u1", "j1", 3, 7, 3, NOW))
               .andThenAggregate("j1").published(new ValidationQueued("j1", "u1", 3, 0, NOW),
                       new JobCancelled("j1", "u1", JobStatus.QUEUED, NOW))
               .whenAggregate("j1").publishes(new PartialResultsRecorded("j1", "u1", new VerdictCounts(1, 1, 0, 0),
                       2, 1, "csv", "xlsx", NOW))
               .expectDispatchedCommands(new SettleReservation("u1", "j1", 2))
               .expectNoScheduledDeadlines()
               .expectActiveSagas(0);
    }

    @Test
    void completionSettlesTheReservationAndEndsTheSaga() {
        fixture.givenAggregate("j1").published(UPLOADED, new FileAccepted("j1", "u1", intake(), NOW))
               .andThenAggregate("u1").published(new CreditsReserved("u1", "j1", 3, 7, 3, NOW))
               .whenAggregate("j1").publishes(new JobCompleted("j1", "u1", new VerdictCounts(1, 2, 0, 1), 2, 1,
                       "csv", "xlsx", NOW))
               .expectDispatchedCommands(new SettleReservation("u1", "j1", 2))
               .expectActiveSagas(0);
    }

    @Test
    void aJobCancelledWhileItsCreditsAreInFlightReleasesThemWhenTheyLand() {
        fixture.givenAggregate("j1").published(UPLOADED, new FileAccepted("j1", "u1", intake(), NOW),
                       new JobCancelled("j1", "u1", JobStatus.ACCEPTED, NOW))
               .whenAggregate("u1").publishes(new CreditsReserved("u1", "j1", 3, 7, 3, NOW))
               .expectDispatchedCommands(new SettleReservation("u1", "j1", 0))
               .expectActiveSagas(0);
    }

    private static IntakeSummary intake() {
        return new IntakeSummary(5, 4, 1, 0, 3, true, 1, 2, 2, BlobKeys.checkList("j1"));
    }

    private static ChunkValidated chunkValidated(int chunk, VerdictCounts counts, long billable) {
        return new ChunkValidated("j1", "u1", chunk, 2, counts, Map.of(), billable, NOW);
    }

    /** The job of {@link #intake()} accepted, paid for and queued. */
    private ContinuedGivenState givenQueued() {
        return fixture.givenAggregate("j1").published(UPLOADED, new FileAccepted("j1", "u1", intake(), NOW))
                      .andThenAggregate("u1").published(new CreditsReserved("u1", "j1", 3, 7, 3, NOW))
                      .andThenAggregate("j1").published(new ValidationQueued("j1", "u1", 3, 0, NOW));
    }

    private void appendFirstChunk() {
        appendChunk(0, verdict(0, "ada@example.com", "deliverable", "accepted", true),
                verdict(1, "bob@example.com", "undeliverable", "mailbox_not_found", true));
    }

    private void appendChunk(int chunk, RowVerdict... verdicts) {
        long sequence = 0;
        List<org.axonframework.eventhandling.EventMessage<?>> events = new ArrayList<>();
        for (RowVerdict verdict : verdicts) {
            events.add(new GenericDomainEventMessage<>("ValidationChunk", "j1/" + chunk, sequence++,
                    new RowValidated("j1", chunk, verdict, NOW)));
        }
        chunkEvents.publish(events);
    }

    private static RowVerdict verdict(long index, String email, String status, String reason, boolean valid) {
        return RowVerdicts.verdict(index, email, status, reason, valid);
    }

    private void store(String key, String content) throws IOException {
        Path file = Files.createTempFile(blobRoot, "upload", ".csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        blobs.put(key, file);
    }

    private String read(String key) throws IOException {
        try (InputStream in = blobs.open(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
