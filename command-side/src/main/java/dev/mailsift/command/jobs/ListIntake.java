package dev.mailsift.command.jobs;

import dev.mailsift.api.job.IntakeSummary;
import dev.mailsift.api.job.JobUploaded;
import dev.mailsift.api.job.RejectionReason;
import dev.mailsift.command.platform.blob.BlobKeys;
import dev.mailsift.command.platform.blob.BlobStore;
import dev.mailsift.engine.intake.InputRow;
import dev.mailsift.engine.intake.IntakeException;
import dev.mailsift.engine.intake.IntakeOptions;
import dev.mailsift.engine.intake.ListReader;
import dev.mailsift.engine.syntax.EmailSyntax;
import org.springframework.stereotype.Component;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Intake: reads an uploaded list once, streaming, through the engine's {@link ListReader} (encoding, delimiter,
 * header and email column detection, dedupe), writes the unique addresses to the job's check list and prices
 * the job at one credit per unique, syntactically plausible address.
 */
@Component
public class ListIntake {

    private final BlobStore blobs;
    private final PipelineProperties properties;
    private final EmailSyntax syntax = EmailSyntax.standard();

    public ListIntake(BlobStore blobs, PipelineProperties properties) {
        this.blobs = blobs;
        this.properties = properties;
    }

    public IntakeSummary inspect(JobUploaded upload) throws IntakeRejection, IOException {
        IntakeOptions options = IntakeOptions.defaults().withHeader(upload.headerRow())
                                             .withEmailColumn(blank(upload.emailColumn()) ? null : upload.emailColumn());
        Path checkList = Files.createTempFile("mailsift-checklist-", ".txt");
        try (InputStream in = blobs.open(upload.uploadKey());
             ListReader reader = ListReader.open(in, options);
             BufferedWriter out = Files.newBufferedWriter(checkList, StandardCharsets.UTF_8)) {
            long rows = 0, unique = 0, duplicates = 0, blank = 0, billable = 0;
            for (InputRow row : reader) {
                rows++;
                if (row.email() == null) {
                    blank++;
                } else if (row.duplicate()) {
                    duplicates++;
                } else {
                    unique++;
                    // false for an undelegated TLD too: like bad syntax, the verdict (unknown_tld) costs nothing
                    if (syntax.isValid(row.email())) {
                        billable++;
                    }
                    out.write(row.email());
                    out.newLine();
                }
            }
            out.close();
            if (unique == 0) {
                throw new IntakeRejection(RejectionReason.EMPTY_LIST, "The list holds no email addresses.");
            }
            String key = BlobKeys.checkList(upload.jobId());
            blobs.put(key, checkList);
            int chunkSize = properties.chunkSize();
            int chunks = (int) ((unique + chunkSize - 1) / chunkSize);
            return new IntakeSummary(rows, unique, duplicates, blank, billable, reader.header() != null,
                    reader.emailColumn(), chunks, chunkSize, key);
        } catch (IntakeException e) {
            throw new IntakeRejection(reasonFor(e.kind()), e.getMessage());
        } finally {
            Files.deleteIfExists(checkList);
        }
    }

    private static RejectionReason reasonFor(IntakeException.Kind kind) {
        return switch (kind) {
            case EMPTY -> RejectionReason.EMPTY_LIST;
            case NO_EMAIL_COLUMN -> RejectionReason.NO_EMAIL_COLUMN;
            case TOO_LARGE, TOO_MANY_ROWS, TOO_MANY_COLUMNS, ROW_TOO_LARGE, CELL_TOO_LARGE, ZIP_BOMB -> RejectionReason.TOO_LARGE;
            case BINARY, UNSUPPORTED_FORMAT, MALFORMED -> RejectionReason.UNREADABLE_FILE;
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
