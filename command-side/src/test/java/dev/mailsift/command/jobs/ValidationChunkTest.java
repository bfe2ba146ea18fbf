package dev.mailsift.command.jobs;

import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.RecordChunkVerdicts;
import dev.mailsift.api.job.RowValidated;
import dev.mailsift.api.job.RowVerdict;
import dev.mailsift.api.job.VerdictCounts;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.mailsift.command.jobs.BatchJobTest.NOW;
import static dev.mailsift.command.jobs.RowVerdicts.verdict;

class ValidationChunkTest {

    private AggregateTestFixture<ValidationChunk> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ValidationChunk.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void recordingAChunkAppendsAVerdictPerRowAndASummary() {
        RowVerdict ok = verdict(10, "ada@example.com", "deliverable", "accepted", true);
        RowVerdict gone = verdict(11, "bob@example.com", "undeliverable", "mailbox_not_found", true);
        RowVerdict unsure = verdict(12, "cy@example.com", "unknown", "greylisted", true);
        RowVerdict junk = verdict(13, "junk", "undeliverable", "bad_syntax", false);
        fixture.givenNoPriorActivity()
               .when(new RecordChunkVerdicts("j1/2", "j1", "u1", 2, List.of(ok, gone, unsure, junk)))
               .expectEvents(new RowValidated("j1", 2, ok, NOW), new RowValidated("j1", 2, gone, NOW),
                       new RowValidated("j1", 2, unsure, NOW), new RowValidated("j1", 2, junk, NOW),
                       new ChunkValidated("j1", "u1", 2, 4, new VerdictCounts(1, 2, 0, 1),
                               Map.of("accepted", 1L, "bad_syntax", 1L, "greylisted", 1L, "mailbox_not_found", 1L),
                               2, NOW))
               .expectResultMessagePayload(true);
    }

    @Test
    void anAddressUnderAnUndelegatedTldIsCountedUndeliverableAndFree() {
        RowVerdict ok = verdict(0, "ada@example.com", "deliverable", "accepted", true);
        RowVerdict noTld = verdict(1, "ada@example.notatld", "undeliverable", "unknown_tld", true);
        fixture.givenNoPriorActivity()
               .when(new RecordChunkVerdicts("j1/0", "j1", "u1", 0, List.of(ok, noTld)))
               .expectEvents(new RowValidated("j1", 0, ok, NOW), new RowValidated("j1", 0, noTld, NOW),
                       new ChunkValidated("j1", "u1", 0, 2, new VerdictCounts(1, 1, 0, 0),
                               Map.of("accepted", 1L, "unknown_tld", 1L), 1, NOW));
    }

    @Test
    void aChunkDeliveredTwiceIsRecordedOnce() {
        RowVerdict ok = verdict(0, "ada@example.com", "deliverable", "accepted", true);
        fixture.given(new RowValidated("j1", 0, ok, NOW),
                      new ChunkValidated("j1", "u1", 0, 1, new VerdictCounts(1, 0, 0, 0), Map.of("accepted", 1L), 1,
                              NOW))
               .when(new RecordChunkVerdicts("j1/0", "j1", "u1", 0, List.of(ok)))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }
}
