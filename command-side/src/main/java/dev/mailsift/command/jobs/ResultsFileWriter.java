package dev.mailsift.command.jobs;

import dev.mailsift.api.job.IntakeSummary;
import dev.mailsift.api.job.RecordChunkVerdicts;
import dev.mailsift.api.job.RowValidated;
import dev.mailsift.api.job.RowVerdict;
import dev.mailsift.command.platform.blob.BlobKeys;
import dev.mailsift.command.platform.blob.BlobStore;
import dev.mailsift.engine.Verdict;
import dev.mailsift.engine.intake.InputRow;
import dev.mailsift.engine.intake.IntakeOptions;
import dev.mailsift.engine.intake.ListReader;
import dev.mailsift.engine.results.ResultsWriter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Writes a job's results file: the original rows in their original order with the verdict columns appended, as
 * CSV. The XLSX is made from this CSV when someone asks for it (docs/decisions/0050). The verdicts come from the
 * workers' copies ({@link ChunkVerdictFiles}), or, for a chunk without one, from its events, the source of truth.
 */
@Component
public class ResultsFileWriter {

    private static final Logger log = LoggerFactory.getLogger(ResultsFileWriter.class);

    private final BlobStore blobs;
    private final EventStore events;
    private final ChunkVerdictFiles verdictFiles;

    public ResultsFileWriter(BlobStore blobs, EventStore events, ChunkVerdictFiles verdictFiles) {
        this.blobs = blobs;
        this.events = events;
        this.verdictFiles = verdictFiles;
    }

    /** The results of a finished job: every chunk's verdicts. @return the results CSV's blob key */
    public String write(String jobId, String uploadKey, IntakeSummary intake) throws IOException {
        return write(jobId, uploadKey, intake, IntStream.range(0, intake.chunkCount()).boxed().toList());
    }

    /**
     * @param chunks the chunks whose verdicts go in (and are paid for); rows of other chunks say
     *               {@code not_checked}, even when a late chunk has been recorded since
     * @return the results CSV's blob key
     */
    public String write(String jobId, String uploadKey, IntakeSummary intake, Collection<Integer> chunks)
            throws IOException {
        long started = System.nanoTime();
        Map<String, RowVerdict> verdicts = verdictsOf(jobId, chunks);
        long verdictsRead = System.nanoTime();
        IntakeOptions options = IntakeOptions.defaults().withHeader(intake.headerRow())
                                             .withEmailColumn(String.valueOf(intake.emailColumn() + 1));
        Path csv = Files.createTempFile("mailsift-results-", ".csv");
        try {
            writeCsv(uploadKey, options, verdicts, csv);
            long written = System.nanoTime();
            String csvKey = BlobKeys.resultsCsv(jobId);
            blobs.put(csvKey, csv);
            // the work files of validation/in-progress/ have served their purpose
            for (int chunk = 0; chunk < intake.chunkCount(); chunk++) {
                deleteQuietly(BlobKeys.chunkVerdicts(jobId, chunk));
            }
            deleteQuietly(intake.checkListKey());
            log.info("Results of job {}: {} verdicts read in {} ms, CSV written in {} ms, stored in {} ms", jobId,
                    verdicts.size(), (verdictsRead - started) / 1_000_000, (written - verdictsRead) / 1_000_000,
                    (System.nanoTime() - written) / 1_000_000);
            return csvKey;
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private void deleteQuietly(String key) {
        try {
            blobs.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn("{} could not be removed", key, e);
        }
    }

    /** One pass over the upload: every row, in its original order, with its address's verdict appended. */
    private void writeCsv(String uploadKey, IntakeOptions options, Map<String, RowVerdict> verdicts, Path target)
            throws IOException {
        try (InputStream in = blobs.open(uploadKey);
             ListReader reader = ListReader.open(in, options);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            int width = Math.max(reader.header() != null ? reader.header().size() : 0, reader.emailColumn() + 1);
            try (ResultsWriter writer = ResultsWriter.csv(out, reader.preamble(), reader.header(), width,
                    reader.delimiter() == '\t' ? '\t' : ',')) {
                for (InputRow row : reader) {
                    writer.write(row.cells(), verdictFor(row, verdicts));
                }
            }
        }
    }

    private Map<String, RowVerdict> verdictsOf(String jobId, Collection<Integer> chunks) {
        Map<String, RowVerdict> byKey = new HashMap<>();
        for (int chunk : chunks) {
            verdictsOfChunk(jobId, chunk).forEach(verdict -> byKey.put(keyOf(verdict), verdict));
        }
        return byKey;
    }

    private List<RowVerdict> verdictsOfChunk(String jobId, int chunk) {
        return verdictFiles.read(jobId, chunk).orElseGet(() ->
                events.readEvents(RecordChunkVerdicts.chunkId(jobId, chunk)).asStream()
                      .filter(message -> message.getPayload() instanceof RowValidated)
                      .map(message -> ((RowValidated) message.getPayload()).verdict())
                      .toList());
    }

    /**
     * Intake's dedupe key without parsing the address again: the verdict's normalised address is that key (for an
     * invalid address, its lower-cased text).
     */
    static String keyOf(RowVerdict verdict) {
        return verdict.normalizedEmail() != null ? verdict.normalizedEmail() : ListReader.dedupeKey(verdict.email());
    }

    private static Verdict verdictFor(InputRow row, Map<String, RowVerdict> verdicts) {
        if (row.email() == null) {
            return null;
        }
        RowVerdict verdict = verdicts.get(row.dedupeKey());
        return verdict == null ? Verdicts.notChecked(row.email()) : Verdicts.toEngine(row.email(), verdict);
    }
}
