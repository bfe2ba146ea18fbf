package dev.mailsift.command.jobs;

import dev.mailsift.api.job.ChunkValidated;
import dev.mailsift.api.job.RecordChunkVerdicts;
import dev.mailsift.api.job.RowValidated;
import dev.mailsift.api.job.RowVerdict;
import dev.mailsift.api.job.VerdictCounts;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One chunk of a job's addresses and their verdicts. A chunk per aggregate lets many workers append at once
 * (docs/decisions/0006); recording a chunk that already has its verdicts changes nothing, so a redelivered or
 * re-dispatched chunk is recorded once.
 */
@Aggregate
public class ValidationChunk {

    @AggregateIdentifier
    private String chunkId;
    private boolean validated;

    public ValidationChunk() {
    }

    /** @return whether this call recorded the verdicts (false: they were recorded before) */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RecordChunkVerdicts command, Clock clock) {
        if (validated) {
            return false;
        }
        Instant now = clock.instant();
        long deliverable = 0, undeliverable = 0, risky = 0, unknown = 0, billable = 0;
        Map<String, Long> reasons = new TreeMap<>();
        for (RowVerdict verdict : command.verdicts()) {
            apply(new RowValidated(command.jobId(), command.chunkIndex(), verdict, now));
            reasons.merge(verdict.reason(), 1L, Long::sum);
            switch (verdict.status()) {
                case "deliverable" -> deliverable++;
                case "undeliverable" -> undeliverable++;
                case "risky" -> risky++;
                case "unknown" -> unknown++;
                // a status the engine does not write is a bug to surface, not a verdict to count as unknown
                default -> throw new IllegalArgumentException("verdict status " + verdict.status() + " of "
                        + verdict.email() + " is none of the four");
            }
            if (verdict.billable()) {
                billable++;
            }
        }
        apply(new ChunkValidated(command.jobId(), command.userId(), command.chunkIndex(), command.verdicts().size(),
                new VerdictCounts(deliverable, undeliverable, risky, unknown), reasons, billable, now));
        return true;
    }

    @EventSourcingHandler
    void on(RowValidated event) {
        chunkId = RecordChunkVerdicts.chunkId(event.jobId(), event.chunkIndex());
    }

    @EventSourcingHandler
    void on(ChunkValidated event) {
        chunkId = RecordChunkVerdicts.chunkId(event.jobId(), event.chunkIndex());
        validated = true;
    }
}
