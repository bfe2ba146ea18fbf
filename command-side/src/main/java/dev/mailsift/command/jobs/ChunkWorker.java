package dev.mailsift.command.jobs;

import dev.mailsift.api.job.RecordChunkVerdicts;
import dev.mailsift.api.job.RowVerdict;
import dev.mailsift.engine.EmailVerifier;
import dev.mailsift.engine.Verdict;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** Verifies one chunk with the engine and records the verdicts on the chunk's aggregate. */
@Component
class ChunkWorker {

    private final EmailVerifier verifier;
    private final CommandGateway commands;
    private final ChunkVerdictFiles verdictFiles;

    public ChunkWorker(EmailVerifier verifier, CommandGateway commands, ChunkVerdictFiles verdictFiles) {
        this.verifier = verifier;
        this.commands = commands;
        this.verdictFiles = verdictFiles;
    }

    /** Throws when the verdicts could not be recorded, so the broker redelivers the chunk. */
    public void process(ChunkWork work) {
        List<Verdict> verdicts = verifier.verifyAll(work.addresses());
        List<RowVerdict> rows = new ArrayList<>(verdicts.size());
        for (int i = 0; i < verdicts.size(); i++) {
            rows.add(Verdicts.toRow(work.firstIndex() + i, verdicts.get(i)));
        }
        Object recorded = commands.sendAndWait(new RecordChunkVerdicts(
                RecordChunkVerdicts.chunkId(work.jobId(), work.chunkIndex()), work.jobId(), work.userId(),
                work.chunkIndex(), rows));
        if (Boolean.TRUE.equals(recorded)) {
            verdictFiles.write(work.jobId(), work.chunkIndex(), rows);
        }
    }
}
