package dev.mailsift.command.jobs;

import dev.mailsift.api.job.AcceptFile;
import dev.mailsift.api.job.CancelJob;
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
import dev.mailsift.api.job.QueueValidation;
import dev.mailsift.api.job.RejectFile;
import dev.mailsift.api.job.RejectionReason;
import dev.mailsift.api.job.SubmitJob;
import dev.mailsift.api.job.ValidationQueued;
import dev.mailsift.api.job.PartialResultsRecorded;
import dev.mailsift.api.job.RecordPartialResults;
import dev.mailsift.api.job.VerdictCounts;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class BatchJobTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final IntakeSummary INTAKE = new IntakeSummary(10, 8, 2, 0, 7, true, 1, 2, 5,
            "validation/in-progress/j1/addresses.txt");

    private AggregateTestFixture<BatchJob> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BatchJob.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void submittingAJobRecordsTheUpload() {
        fixture.givenNoPriorActivity()
               .when(new SubmitJob("j1", "u1", "list.csv", "validation/uploaded/j1/list.csv", 120, null, null))
               .expectEvents(uploaded());
    }

    @Test
    void anUploadedJobIsAcceptedOnce() {
        fixture.given(uploaded())
               .when(new AcceptFile("j1", INTAKE))
               .expectEvents(new FileAccepted("j1", "u1", INTAKE, NOW));
        fixture.given(uploaded(), new FileAccepted("j1", "u1", INTAKE, NOW))
               .when(new AcceptFile("j1", INTAKE))
               .expectNoEvents();
    }

    @Test
    void anAcceptedJobIsRejectedWhenCreditsFallShort() {
        fixture.given(uploaded(), new FileAccepted("j1", "u1", INTAKE, NOW))
               .when(new RejectFile("j1", RejectionReason.INSUFFICIENT_CREDITS, "short"))
               .expectEvents(new FileRejected("j1", "u1", RejectionReason.INSUFFICIENT_CREDITS, "short", NOW));
    }

    @Test
    void completionCapturesAtMostWhatWasReservedAndReleasesTheRest() {
        VerdictCounts counts = new VerdictCounts(3, 2, 1, 2);
        fixture.given(uploaded(), new FileAccepted("j1", "u1", INTAKE, NOW),
                      new ValidationQueued("j1", "u1", 7, 0, NOW))
               .when(new CompleteJob("j1", counts, 5, "csv"))
               .expectEvents(new JobCompleted("j1", "u1", counts, 5, 2, "csv", null, NOW));
    }

    @Test
    void queueingNeedsAnAcceptedJob() {
        fixture.given(uploaded())
               .when(new QueueValidation("j1", 7))
               .expectNoEvents();
    }

    @Test
    void theOwnerCancelsAQueuedJob() {
        fixture.given(uploaded(), new FileAccepted("j1", "u1", INTAKE, NOW),
                      new ValidationQueued("j1", "u1", 7, 0, NOW))
               .when(new CancelJob("j1", "u1"))
               .expectEvents(new JobCancelled("j1", "u1", JobStatus.QUEUED, NOW));
    }

    @Test
    void aCancelledJobRecordsItsPartialResultsOnceAndCapturesNoMoreThanWasReserved() {
        VerdictCounts counts = new VerdictCounts(3, 1, 0, 1);
        fixture.given(uploaded(), new FileAccepted("j1", "u1", INTAKE, NOW),
                      new ValidationQueued("j1", "u1", 7, 0, NOW), new JobCancelled("j1", "u1", JobStatus.QUEUED, NOW))
               .when(new RecordPartialResults("j1", counts, 9, "csv"))
               .expectEvents(new PartialResultsRecorded("j1", "u1", counts, 7, 0, "csv", null, NOW));
        fixture.given(uploaded(), new FileAccepted("j1", "u1", INTAKE, NOW),
                      new ValidationQueued("j1", "u1", 7, 0, NOW), new JobCancelled("j1", "u1", JobStatus.QUEUED, NOW),
                      new PartialResultsRecorded("j1", "u1", counts, 4, 3, "csv", "xlsx", NOW))
               .when(new RecordPartialResults("j1", counts, 4, "csv"))
               .expectNoEvents();
    }

    @Test
    void someoneElseCannotCancelAndIsToldTheJobDoesNotExist() {
        fixture.given(uploaded())
               .when(new CancelJob("j1", "intruder"))
               .expectException(JobNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void aFinishedJobCannotBeCancelledOrFailed() {
        fixture.given(uploaded(), new FileRejected("j1", "u1", RejectionReason.EMPTY_LIST, "empty", NOW))
               .when(new CancelJob("j1", "u1"))
               .expectNoEvents();
        fixture.given(uploaded(), new FileRejected("j1", "u1", RejectionReason.EMPTY_LIST, "empty", NOW))
               .when(new FailJob("j1", "boom"))
               .expectNoEvents();
    }

    @Test
    void aRunningJobFails() {
        fixture.given(uploaded(), new FileAccepted("j1", "u1", INTAKE, NOW))
               .when(new FailJob("j1", "storage gone"))
               .expectEvents(new JobFailed("j1", "u1", JobStatus.ACCEPTED, "storage gone", NOW));
    }

    static JobUploaded uploaded() {
        return new JobUploaded("j1", "u1", "list.csv", "validation/uploaded/j1/list.csv", 120, null, null, NOW);
    }
}
