package dev.mailsift.command.pipeline;

import dev.mailsift.api.job.IntakeSummary;
import dev.mailsift.api.job.RecordChunkVerdicts;
import dev.mailsift.api.job.RowValidated;
import dev.mailsift.api.job.RowVerdict;
import dev.mailsift.command.blob.BlobKeys;
import dev.mailsift.command.blob.BlobStore;
import dev.mailsift.engine.Verdict;
import dev.mailsift.engine.intake.InputRow;
import dev.mailsift.engine.intake.IntakeOptions;
import dev.mailsift.engine.intake.ListReader;
import dev.mailsift.engine.results.ResultsWriter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a job's results files: the original rows in their original order with the verdict columns appended,
 * as CSV and XLSX. The verdicts are read back from the chunks' events, the source of truth.
 */
@Component
public class ResultsAssembler {

    private final BlobStore blobs;
    private final EventStore events;

    public ResultsAssembler(BlobStore blobs, EventStore events) {
        this.blobs = blobs;
        this.events = events;
    }

    /** An XLSX sheet holds 1,048,576 rows, header included; larger lists come back as CSV only. */
    static final long XLSX_MAX_DATA_ROWS = 1_048_575;

    public ResultFiles assemble(String jobId, String uploadKey, IntakeSummary intake) throws IOException {
        boolean withXlsx = intake.rowsTotal() <= XLSX_MAX_DATA_ROWS;
        Map<String, RowVerdict> verdicts = verdictsOf(jobId, intake.chunkCount());
        IntakeOptions options = IntakeOptions.defaults().withHeader(intake.headerRow())
                                             .withEmailColumn(String.valueOf(intake.emailColumn() + 1));
        Path csv = Files.createTempFile("mailsift-results-", ".csv");
        Path xlsx = Files.createTempFile("mailsift-results-", ".xlsx");
        try (InputStream in = blobs.open(uploadKey);
             ListReader reader = ListReader.open(in, options);
             OutputStream csvOut = Files.newOutputStream(csv);
             OutputStream xlsxOut = Files.newOutputStream(xlsx)) {
            int width = Math.max(reader.header() != null ? reader.header().size() : 0, reader.emailColumn() + 1);
            char delimiter = reader.delimiter() == '\t' ? '\t' : ',';
            try (ResultsWriter csvWriter = ResultsWriter.csv(csvOut, reader.header(), width, delimiter);
                 ResultsWriter xlsxWriter = withXlsx ? ResultsWriter.xlsx(xlsxOut, reader.header(), width) : null) {
                for (InputRow row : reader) {
                    Verdict verdict = verdictFor(row, verdicts);
                    csvWriter.write(row.cells(), verdict);
                    if (xlsxWriter != null) {
                        xlsxWriter.write(row.cells(), verdict);
                    }
                }
            }
        }
        try {
            String csvKey = BlobKeys.resultsCsv(jobId);
            blobs.put(csvKey, csv);
            String xlsxKey = null;
            if (withXlsx) {
                xlsxKey = BlobKeys.resultsXlsx(jobId);
                blobs.put(xlsxKey, xlsx);
            }
            return new ResultFiles(csvKey, xlsxKey);
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(xlsx);
        }
    }

    private Map<String, RowVerdict> verdictsOf(String jobId, int chunkCount) {
        Map<String, RowVerdict> byKey = new HashMap<>();
        for (int chunk = 0; chunk < chunkCount; chunk++) {
            events.readEvents(RecordChunkVerdicts.chunkId(jobId, chunk)).asStream()
                  .filter(message -> message.getPayload() instanceof RowValidated)
                  .map(message -> ((RowValidated) message.getPayload()).verdict())
                  .forEach(verdict -> byKey.put(keyOf(verdict), verdict));
        }
        return byKey;
    }

    /**
     * Intake's dedupe key without parsing the address again: the verdict's normalised address is that key (for an
     * invalid address, its lower-cased text).
     */
    private static String keyOf(RowVerdict verdict) {
        return verdict.normalizedEmail() != null ? verdict.normalizedEmail() : ListReader.dedupeKey(verdict.email());
    }

    private static Verdict verdictFor(InputRow row, Map<String, RowVerdict> verdicts) {
        if (row.email() == null) {
            return null;
        }
        RowVerdict verdict = verdicts.get(ListReader.dedupeKey(row.email()));
        return verdict == null ? Verdicts.notChecked(row.email()) : Verdicts.toEngine(row.email(), verdict);
    }

    /** Blob keys of a job's results; {@code xlsxKey} is null for lists too long for a sheet. */
    public record ResultFiles(String csvKey, String xlsxKey) {
    }
}
